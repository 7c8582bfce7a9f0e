#!/usr/bin/env Rscript
# Reproduce `mentorsim run -json`'s estimates from the exported rep-day panel,
# with fixest (the R twin of examples/analysis.py; formulas in docs/model.md,
# 7.8 and "Estimands the design identifies").
#
#   mentorsim run -out out
#   Rscript examples/analysis.R out/panel.csv [out/summary.json] [--spec fe]
#
# Given summary.json it compares the two and stops with an error if any
# number differs by more than 1e-8 (relative to max(1, |value|)).
# Needs fixest, survival and, for the comparison, jsonlite.
#
# NOT RUN where it was written (R is not installed there); analysis.py is the
# version `make test` checks. Please report any difference.

suppressPackageStartupMessages({
  library(fixest)
  library(survival)
})

Z95 <- qnorm(0.975) # 1.959963984540054
MONTH1 <- 21; MONTH2 <- 42; MONTH3 <- 63; MONTH6 <- 126
MAND <- "mandatory_mentored"; CTRL <- "mandatory_control"
OPTIN_M <- "optin_mentored"; OPTIN_D <- "optin_denied"
OPTINS <- c(OPTIN_M, OPTIN_D); OPTOUTS <- "optout"

wald <- function(x, se) c(estimate = x, se = se, lo = x - Z95 * se, hi = x + Z95 * se)

# beta/alpha with the delta method on the fit's covariance.
lift_from <- function(fit) {
  b <- coef(fit)
  V <- vcov(fit)[c("(Intercept)", "treated"), c("(Intercept)", "treated")]
  a <- b[["(Intercept)"]]; d <- b[["treated"]]
  g <- c(-d / a^2, 1 / a)
  wald(d / a, sqrt(drop(t(g) %*% V %*% g)))
}

# Employed rep-days of the two groups within the window, with a dummy.
comparison <- function(panel, treated, comp, window) {
  d <- panel[panel$tenure_day < window & panel$employed == 1 & panel$arm %in% c(treated, comp), ]
  d$treated <- as.numeric(d$arm %in% treated)
  d
}

# CR1 clustered errors: G/(G-1) (N-1)/(N-K), K counting every coefficient
# (fixef.K = "full", as statsmodels counts explicit dummies: with two fixed
# effects, tenure days + classes - 1).
cr1 <- ssc(adj = TRUE, fixef.K = "full", cluster.adj = TRUE)

revenue_lift <- function(panel, treated, comp, window, spec) {
  d <- comparison(panel, treated, comp, window)
  if (spec == "fe") {
    fit <- feols(revenue ~ treated | tenure_day + class, data = d, cluster = ~class, ssc = cr1)
    base <- mean(d$revenue[d$treated == 0])
    return(wald(coef(fit)[["treated"]] / base, se(fit)[["treated"]] / base))
  }
  lift_from(feols(revenue ~ treated, data = d, cluster = ~rep, ssc = cr1))
}

# Revenue per call: WLS of revenue/calls on the dummy, weights = calls.
call_lift <- function(panel, treated, comp, window) {
  d <- comparison(panel, treated, comp, window)
  d <- d[d$calls > 0, ]
  d$per_call <- d$revenue / d$calls
  lift_from(feols(per_call ~ treated, data = d, weights = ~calls, cluster = ~rep, ssc = cr1))
}

# Per rep in the arms: days worked and revenue within the window.
per_rep <- function(panel, arms, window) {
  d <- panel[panel$tenure_day < window & panel$arm %in% arms, ]
  g <- aggregate(cbind(days = employed, revenue = revenue) ~ rep + arm, data = d, FUN = sum)
  g
}

# Revenue per hire (days after leaving are zero), one row per rep, HC1.
itt_lift <- function(panel, treated, comp, window) {
  g <- per_rep(panel, c(treated, comp), window)
  g$treated <- as.numeric(g$arm %in% treated)
  lift_from(feols(revenue ~ treated, data = g, vcov = "hetero", ssc = ssc(adj = TRUE)))
}

# Kaplan-Meier S(t) and Greenwood's variance of log S.
km_at <- function(panel, arms, t) {
  d <- panel[panel$arm %in% arms, ]
  d$one <- 1
  g <- aggregate(cbind(days = employed, tenure = one) ~ rep, data = d, FUN = sum)
  left <- g$days < g$tenure
  time <- ifelse(left, g$days, g$tenure)
  s <- summary(survfit(Surv(time, as.numeric(left)) ~ 1), times = t, extend = TRUE)
  c(s = s$surv, varlog = (s$std.err / s$surv)^2)
}

survival_at <- function(panel, arms, t) {
  k <- km_at(panel, arms, t)
  se <- k[["s"]] * sqrt(k[["varlog"]])
  c(estimate = k[["s"]], se = se, lo = max(0, k[["s"]] - Z95 * se), hi = min(1, k[["s"]] + Z95 * se))
}

survival_lift <- function(panel, treated, comp, t) {
  k1 <- km_at(panel, treated, t); k0 <- km_at(panel, comp, t)
  r <- k1[["s"]] / k0[["s"]]; sl <- sqrt(k1[["varlog"]] + k0[["varlog"]])
  c(estimate = r - 1, se = r * sl, lo = r * exp(-Z95 * sl) - 1, hi = r * exp(Z95 * sl) - 1)
}

optin_rate <- function(panel) {
  reps <- unique(panel[panel$arm %in% c(OPTINS, OPTOUTS), c("rep", "arm")])
  p <- mean(reps$arm %in% OPTINS); se <- sqrt(p * (1 - p) / nrow(reps))
  c(estimate = p, se = se, lo = max(0, p - Z95 * se), hi = min(1, p + Z95 * se))
}

# Revenue per employed rep-day of one arm: intercept-only OLS, CR1 by rep.
arm_mean <- function(panel, arm, window) {
  d <- comparison(panel, arm, character(), window)
  fit <- feols(revenue ~ 1, data = d, cluster = ~rep, ssc = cr1)
  c(coef(fit)[["(Intercept)"]], se(fit)[["(Intercept)"]]^2)
}

# ATU = (D_M - p D_V) / ((1 - p) m_o), the effects D in revenue per employed
# rep-day, and ATT - ATU; delta method by the gradient in the five arm means
# and p (independent samples; p uncorrelated with the means).
implied <- function(panel, p, window) {
  arms <- c(MAND, CTRL, OPTIN_M, OPTIN_D, OPTOUTS)
  means <- sapply(arms, function(a) arm_mean(panel, a, window))
  x <- unname(c(means[1, ], p[["estimate"]])); v <- unname(c(means[2, ], p[["se"]]^2))
  mm <- x[1]; mc <- x[2]; mim <- x[3]; mid <- x[4]; mo <- x[5]; pp <- x[6]; q <- 1 - pp
  atu <- ((mm - mc) - pp * (mim - mid)) / (q * mo)
  g_atu <- c(1, -1, -pp, pp, -atu * q, ((mm - mc) - (mim - mid)) / q) / (q * mo)
  g_diff <- c(0, 0, 1 / mid, -mim / mid^2, 0, 0) - g_atu
  list(atu = wald(atu, sqrt(sum(g_atu^2 * v))), diff = wald(mim / mid - 1 - atu, sqrt(sum(g_diff^2 * v))))
}

ratio <- function(m0, m1, v0, v1) {
  r <- m1 / m0
  wald(r - 1, sqrt(v1 + r^2 * v0) / abs(m0))
}

pvar <- function(x) mean((x - mean(x))^2) # variance with denominator n

# Lee (2009) bounds: the arm with the higher retention is trimmed.
lee_bounds <- function(panel, treated, comp, window) {
  g <- per_rep(panel, c(treated, comp), window)
  g$treated <- g$arm %in% treated
  ys <- list(); q <- c(); n <- c()
  for (a in c(FALSE, TRUE)) {
    grp <- g[g$treated == a, ]
    key <- as.character(a)
    n[key] <- nrow(grp)
    stay <- grp[grp$days >= window, ]
    ys[[key]] <- sort(stay$revenue / window)
    q[key] <- nrow(stay) / n[key]
  }
  hi <- if (q[["TRUE"]] >= q[["FALSE"]]) "TRUE" else "FALSE"
  lo <- if (hi == "TRUE") "FALSE" else "TRUE"
  t <- (q[[hi]] - q[[lo]]) / q[[hi]]
  vt <- q[[lo]] * (1 - q[[lo]]) / n[[lo]] / q[[hi]]^2 + (q[[lo]] / q[[hi]]^2)^2 * q[[hi]] * (1 - q[[hi]]) / n[[hi]]
  m <- mean(ys[[lo]]); v <- pvar(ys[[lo]]) / length(ys[[lo]])
  trimmed <- function(from_top) {
    y <- ys[[hi]]; k <- floor(t * length(y) + 0.5) # halves away from zero, as Go's math.Round
    kept <- if (from_top) y[seq_len(length(y) - k)] else y[(k + 1):length(y)]
    edge <- if (from_top) kept[length(kept)] else kept[1]
    mt <- mean(kept); dd <- edge - mt
    c(mt, (pvar(kept) + t * dd^2) / (length(y) * (1 - t)) + (dd / (1 - t))^2 * vt)
  }
  out <- lapply(c(hi == "TRUE", hi != "TRUE"), function(from_top) {
    tm <- trimmed(from_top)
    if (hi == "TRUE") ratio(m, tm[1], v, tm[2]) else ratio(tm[1], m, tm[2], v)
  })
  list(lower = out[[1]], upper = out[[2]])
}

estimates <- function(panel, spec) {
  ate <- revenue_lift(panel, MAND, CTRL, MONTH2, spec)
  att <- revenue_lift(panel, OPTIN_M, OPTIN_D, MONTH2, spec)
  p <- optin_rate(panel)
  imp <- implied(panel, p, MONTH2)
  lee <- lee_bounds(panel, MAND, CTRL, MONTH2)
  list(
    "mandatory.revenue_lift_2m" = ate,
    "mandatory.revenue_lift_6m" = revenue_lift(panel, MAND, CTRL, MONTH6, spec),
    "mandatory.retention_lift_1m" = survival_lift(panel, MAND, CTRL, MONTH1),
    "voluntary.optin_rate" = p,
    "voluntary.revenue_lift_2m" = att,
    "voluntary.retention_lift_1m" = survival_lift(panel, OPTIN_M, OPTIN_D, MONTH1),
    "voluntary.retention_lift_3m" = survival_lift(panel, OPTIN_M, OPTIN_D, MONTH3),
    "voluntary.optin_vs_optout_revenue_2m" = revenue_lift(panel, OPTINS, OPTOUTS, MONTH2, spec),
    "control.retention_3m" = survival_at(panel, CTRL, MONTH3),
    "implied.optout_revenue_lift_2m" = imp$atu,
    "implied.att_minus_atu_revenue_2m" = imp$diff,
    "mandatory.itt_revenue_per_hire_lift_2m" = itt_lift(panel, MAND, CTRL, MONTH2),
    "mandatory.lee_lower_revenue_lift_2m" = lee$lower,
    "mandatory.lee_upper_revenue_lift_2m" = lee$upper,
    "mandatory.revenue_per_call_lift_2m" = call_lift(panel, MAND, CTRL, MONTH2)
  )
}

main <- function(args) {
  spec <- "ols"
  i <- match("--spec", args)
  if (!is.na(i)) {
    spec <- args[i + 1]
    args <- args[-c(i, i + 1)]
  }
  if (!(length(args) %in% 1:2) || !(spec %in% c("ols", "fe"))) {
    stop("usage: Rscript examples/analysis.R panel.csv [summary.json] [--spec ols|fe]")
  }
  panel <- read.csv(args[1], stringsAsFactors = FALSE)
  ours <- estimates(panel, spec)
  tab <- do.call(rbind, ours)
  print(format(tab, digits = 15), quote = FALSE)
  if (length(args) == 2) {
    theirs <- jsonlite::fromJSON(args[2])$estimates
    bad <- character()
    for (id in names(ours)) {
      e <- theirs[[id]]
      want <- c(e$estimate, e$se, e$ci95)
      got <- unname(ours[[id]])
      off <- abs(got - want) > 1e-8 * pmax(1, abs(want))
      if (length(want) != 4 || any(off)) bad <- c(bad, sprintf("%s: %s here, %s in summary.json", id,
        paste(got, collapse = " "), paste(want, collapse = " ")))
    }
    if (length(bad) > 0) stop(paste(bad, collapse = "\n"))
    message(sprintf("all %d estimates agree with %s to 1e-8", length(ours), args[2]))
  }
}

main(commandArgs(trailingOnly = TRUE))
