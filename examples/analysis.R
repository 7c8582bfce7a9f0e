#!/usr/bin/env Rscript
# Reproduce `mentorsim run -json`'s estimates from the exported rep-day panel:
# the R twin of examples/analysis.py (formulas in docs/model.md, 7.8 and
# "Estimands the design identifies").
#
#   mentorsim run -out out            # -spec fe for --spec fe
#   Rscript examples/analysis.R out/panel.csv [out/summary.json] [--spec fe]
#
# It reads only panel.csv, by column name (rep, arm, class, tenure_day,
# calls, revenue, employed; the other columns, such as the measures taken at
# hire, are not used), recomputes every estimand with lm, sandwich and
# survival, and prints them as JSON, as analysis.py does. Given the run's
# summary.json, it also compares the two and exits 1 if any number differs
# by more than 1e-8 (relative to max(1, |value|)). With --spec fe the
# revenue lifts are those of `mentorsim run -spec fe`: tenure-day and
# training-class fixed effects with errors clustered by class.
#
# Needs sandwich and survival, and jsonlite for the comparison (Debian:
# r-cran-sandwich r-cran-survival r-cran-jsonlite). fixest (not in Debian)
# is not needed: --spec fe fits the dummies with lm, as statsmodels does, and
# counts them all in the CR1 correction (fixest's default does not count the
# class dummies nested in the cluster, so its SE is slightly smaller).
# `make test` runs it (cmd/mentorsim TestAnalysisRReproducesRun).

suppressPackageStartupMessages({
  library(sandwich)
  library(survival)
})

Z95 <- 1.959963984540054 # qnorm(0.975)
MONTH1 <- 21; MONTH2 <- 42; MONTH3 <- 63; MONTH6 <- 126
MAND <- "mandatory_mentored"; CTRL <- "mandatory_control"
OPTIN_M <- "optin_mentored"; OPTIN_D <- "optin_denied"
OPTINS <- c(OPTIN_M, OPTIN_D); OPTOUTS <- "optout"
VOLUNTARY <- c(OPTINS, OPTOUTS)

wald <- function(x, se) list(estimate = x, se = se, ci95 = c(x - Z95 * se, x + Z95 * se))

# beta/alpha with the delta method on the covariance V of the fit.
lift_from <- function(fit, V, term = "treated") {
  b <- coef(fit)
  a <- b[["(Intercept)"]]; d <- b[[term]]
  V <- V[c("(Intercept)", term), c("(Intercept)", term)]
  g <- c(-d / a^2, 1 / a)
  wald(d / a, sqrt(drop(g %*% V %*% g)))
}

# CR1 errors clustered by the vector cl: G/(G-1) (N-1)/(N-K), as Stata and
# statsmodels' cov_type="cluster".
cr1 <- function(fit, cl) vcovCL(fit, cluster = cl, type = "HC1", cadjust = TRUE)

# Employed rep-days of the two groups within the window, with a dummy.
comparison <- function(panel, treated, comp, window) {
  d <- panel[panel$tenure_day < window & panel$employed == 1 & panel$arm %in% c(treated, comp), ]
  d$treated <- as.numeric(d$arm %in% treated)
  d
}

# OLS of daily revenue on the dummy over employed rep-days, CR1 by rep.
revenue_lift <- function(panel, treated, comp, window, spec) {
  d <- comparison(panel, treated, comp, window)
  if (spec == "fe") {
    return(fe_lift(d))
  }
  fit <- lm(revenue ~ treated, data = d)
  lift_from(fit, cr1(fit, d$rep))
}

# Tenure-day and class fixed effects as dummies; the lift is beta over m0,
# the comparison group's mean revenue per rep-day, with the delta method's
# SE over both, CR1 clustered by class (K counts every dummy, as statsmodels
# does): each observation's influence on beta is its row of estfun times
# bread over n, on m0 its deviation over the comparison group's count.
fe_lift <- function(d) {
  fit <- lm(revenue ~ treated + factor(tenure_day) + factor(class), data = d)
  b <- coef(fit)[["treated"]]
  comp <- d$treated == 0
  base <- mean(d$revenue[comp])
  on_beta <- (estfun(fit) %*% bread(fit))[, "treated"] / nobs(fit)
  on_base <- ifelse(comp, d$revenue - base, 0) / sum(comp)
  by_class <- rowsum(on_beta / base - b * on_base / base^2, d$class)
  g <- nrow(by_class); n <- nrow(d); k <- fit$rank
  wald(b / base, sqrt(g / (g - 1) * (n - 1) / (n - k) * sum(by_class^2)))
}

# Per rep in the arms: arm, days worked, calls and revenue within the window,
# and the last tenure day seen.
per_rep <- function(panel, arms, window) {
  d <- panel[panel$tenure_day < window & panel$arm %in% arms, ]
  s <- rowsum(d[, c("employed", "calls", "revenue")], d$rep, reorder = TRUE)
  first <- !duplicated(d$rep)
  arm <- setNames(d$arm[first], d$rep[first])
  seen <- tapply(d$tenure_day, d$rep, max)
  data.frame(rep = as.numeric(rownames(s)), arm = unname(arm[rownames(s)]), days = s$employed,
             calls = s$calls, revenue = s$revenue, seen = as.numeric(seen[rownames(s)]),
             stringsAsFactors = FALSE)
}

# WLS of revenue per call on the dummy, weights = calls, CR1 by rep.
call_lift <- function(panel, treated, comp, window) {
  d <- comparison(panel, treated, comp, window)
  d <- d[d$calls > 0, ]
  d$per_call <- d$revenue / d$calls
  fit <- lm(per_call ~ treated, data = d, weights = calls)
  lift_from(fit, cr1(fit, d$rep))
}

# Revenue per hire over the window (days after leaving count as zero), one
# row per rep, HC1.
itt_lift <- function(panel, treated, comp, window) {
  g <- per_rep(panel, c(treated, comp), window)
  g$treated <- as.numeric(g$arm %in% treated)
  fit <- lm(revenue ~ treated, data = g)
  lift_from(fit, vcovHC(fit, type = "HC1"))
}

# Time to leaving: days worked, an event if the rep left before the last day
# simulated for it.
spells <- function(panel, arms) {
  d <- panel[panel$arm %in% arms, ]
  days <- tapply(d$employed, d$rep, sum)
  tenure <- tapply(d$tenure_day, d$rep, length)
  left <- days < tenure
  list(time = as.numeric(ifelse(left, days, tenure)), event = as.numeric(left))
}

# Kaplan-Meier S(t) = P(T > t) and Greenwood's variance of log S.
km_at <- function(sp, t) {
  fit <- survfit(Surv(sp$time, sp$event) ~ 1, conf.type = "plain")
  at <- fit$time <= t & fit$n.event > 0 # event times <= t
  if (!any(at)) {
    return(c(s = 1, varlog = 0))
  }
  k <- max(which(at))
  # survfit's std.err is the SE of the cumulative hazard, -log S (Greenwood).
  c(s = fit$surv[k], varlog = fit$std.err[k]^2)
}

survival_at <- function(panel, arms, t) {
  k <- km_at(spells(panel, arms), t)
  s <- k[["s"]]; se <- s * sqrt(k[["varlog"]])
  list(estimate = s, se = se, ci95 = c(max(0, s - Z95 * se), min(1, s + Z95 * se)))
}

survival_lift <- function(panel, treated, comp, t) {
  k1 <- km_at(spells(panel, treated), t); k0 <- km_at(spells(panel, comp), t)
  r <- k1[["s"]] / k0[["s"]]; se_log <- sqrt(k1[["varlog"]] + k0[["varlog"]])
  list(estimate = r - 1, se = r * se_log,
       ci95 = c(r * exp(-Z95 * se_log) - 1, r * exp(Z95 * se_log) - 1))
}

optin_rate <- function(panel) {
  d <- panel[panel$arm %in% VOLUNTARY, ]
  arm <- d$arm[!duplicated(d$rep)]
  n <- length(arm); k <- sum(arm %in% OPTINS); p <- k / n
  ci <- suppressWarnings(prop.test(k, n, correct = FALSE)$conf.int) # Wilson's score interval
  list(estimate = p, se = sqrt(p * (1 - p) / n), ci95 = c(max(0, ci[1]), min(1, ci[2])))
}

# Revenue per employed rep-day of one arm: intercept-only OLS, CR1 by rep.
arm_mean <- function(panel, arm, window) {
  d <- comparison(panel, arm, character(), window)
  fit <- lm(revenue ~ 1, data = d)
  c(coef(fit)[["(Intercept)"]], cr1(fit, d$rep)[1, 1])
}

# ATU = (D_M - p D_V) / ((1 - p) m_o), the effects D in revenue per employed
# rep-day, and ATT - ATU; delta method by the gradient in the five arm means
# and p (independent samples; p uncorrelated with the means).
implied <- function(panel, p, window) {
  arms <- c(MAND, CTRL, OPTIN_M, OPTIN_D, OPTOUTS)
  means <- sapply(arms, function(a) arm_mean(panel, a, window))
  x <- unname(c(means[1, ], p$estimate)); v <- unname(c(means[2, ], p$se^2))
  mm <- x[1]; mc <- x[2]; mim <- x[3]; mid <- x[4]; mo <- x[5]; pp <- x[6]; q <- 1 - pp
  atu <- ((mm - mc) - pp * (mim - mid)) / (q * mo)
  g_atu <- c(1, -1, -pp, pp, -atu * q, ((mm - mc) - (mim - mid)) / q) / (q * mo)
  g_att <- c(0, 0, 1 / mid, -mim / mid^2, 0, 0)
  g_diff <- g_att - g_atu
  list(atu = wald(atu, sqrt(sum(g_atu^2 * v))), diff = wald(mim / mid - 1 - atu, sqrt(sum(g_diff^2 * v))))
}

ratio <- function(m0, m1, v0, v1) {
  r <- m1 / m0
  wald(r - 1, sqrt(v1 + r * r * v0) / abs(m0))
}

pvar <- function(x) mean((x - mean(x))^2) # variance with denominator n, numpy's var

# Lee (2009) bounds on the lift in revenue per day for reps who would work
# the whole window in either arm; the arm with the higher retention is
# trimmed (docs/model.md).
lee_bounds <- function(panel, treated, comp, window) {
  g <- per_rep(panel, c(treated, comp), window)
  g <- g[g$seen >= window - 1, ] # window observed (every rep, in a finished run)
  g$treated <- g$arm %in% treated
  ys <- list(); q <- c(); n <- c()
  for (a in c(FALSE, TRUE)) {
    key <- as.character(a)
    grp <- g[g$treated == a, ]
    n[key] <- nrow(grp)
    stay <- grp[grp$days >= window, ]
    ys[[key]] <- sort(stay$revenue / window)
    q[key] <- nrow(stay) / n[[key]]
  }
  hi <- q[["TRUE"]] >= q[["FALSE"]] # TRUE: the treated arm is trimmed
  H <- as.character(hi); L <- as.character(!hi)
  t <- (q[[H]] - q[[L]]) / q[[H]]
  vt <- q[[L]] * (1 - q[[L]]) / n[[L]] / q[[H]]^2 + (q[[L]] / q[[H]]^2)^2 * q[[H]] * (1 - q[[H]]) / n[[H]]
  m <- mean(ys[[L]]); v <- pvar(ys[[L]]) / length(ys[[L]])

  trimmed <- function(from_top) {
    y <- ys[[H]]
    k <- floor(t * length(y) + 0.5) # halves away from zero, as Go's math.Round
    kept <- if (from_top) y[seq_len(length(y) - k)] else y[seq.int(k + 1, length.out = length(y) - k)]
    edge <- if (from_top) kept[length(kept)] else kept[1]
    mt <- mean(kept); dd <- edge - mt
    c(mt, (pvar(kept) + t * dd * dd) / (length(y) * (1 - t)) + (dd / (1 - t))^2 * vt)
  }

  out <- lapply(c(hi, !hi), function(from_top) { # lower bound, then upper
    tm <- trimmed(from_top)
    if (hi) ratio(m, tm[1], v, tm[2]) else ratio(tm[1], m, tm[2], v)
  })
  list(lower = out[[1]], upper = out[[2]])
}

undefined <- wald(NA_real_, NA_real_)

# The value of expr, or otherwise where the data cannot give it (a group
# too small or empty in a tiny study: run -json writes null there too).
defined <- function(expr, otherwise = undefined) tryCatch(expr, error = function(e) otherwise)

estimates <- function(panel, spec = "ols") {
  p <- defined(optin_rate(panel))
  imp <- defined(implied(panel, p, MONTH2), list(atu = undefined, diff = undefined))
  lee <- defined(lee_bounds(panel, MAND, CTRL, MONTH2), list(lower = undefined, upper = undefined))
  list(
    "mandatory.revenue_lift_2m" = defined(revenue_lift(panel, MAND, CTRL, MONTH2, spec)),
    "mandatory.revenue_lift_6m" = defined(revenue_lift(panel, MAND, CTRL, MONTH6, spec)),
    "mandatory.retention_lift_1m" = defined(survival_lift(panel, MAND, CTRL, MONTH1)),
    "voluntary.optin_rate" = p,
    "voluntary.revenue_lift_2m" = defined(revenue_lift(panel, OPTIN_M, OPTIN_D, MONTH2, spec)),
    "voluntary.retention_lift_1m" = defined(survival_lift(panel, OPTIN_M, OPTIN_D, MONTH1)),
    "voluntary.retention_lift_3m" = defined(survival_lift(panel, OPTIN_M, OPTIN_D, MONTH3)),
    "voluntary.optin_vs_optout_revenue_2m" = defined(revenue_lift(panel, OPTINS, OPTOUTS, MONTH2, spec)),
    "control.retention_3m" = defined(survival_at(panel, CTRL, MONTH3)),
    "implied.optout_revenue_lift_2m" = imp$atu,
    "implied.att_minus_atu_revenue_2m" = imp$diff,
    "mandatory.itt_revenue_per_hire_lift_2m" = defined(itt_lift(panel, MAND, CTRL, MONTH2)),
    "mandatory.lee_lower_revenue_lift_2m" = lee$lower,
    "mandatory.lee_upper_revenue_lift_2m" = lee$upper,
    "mandatory.revenue_per_call_lift_2m" = defined(call_lift(panel, MAND, CTRL, MONTH2))
  )
}

numbers <- function(e) {
  num <- function(x) if (is.null(x)) NA_real_ else as.numeric(x)
  c(num(e$estimate), num(e$se), num(e$ci95[[1]]), num(e$ci95[[2]]))
}

# Differences beyond 1e-8 (relative to max(1, |value|)), as lines.
compare <- function(ours, summary) {
  bad <- character()
  for (k in names(ours)) {
    theirs <- summary$estimates[[k]]
    if (is.null(theirs)) {
      bad <- c(bad, sprintf("%s: not in summary.json", k))
      next
    }
    x <- numbers(ours[[k]]); y <- numbers(theirs)
    for (i in 1:4) {
      name <- c("estimate", "se", "lo", "hi")[i]
      if (!is.finite(x[i]) || !is.finite(y[i])) {
        if (is.finite(x[i]) || is.finite(y[i])) {
          bad <- c(bad, sprintf("%s %s: %s here, %s in summary.json", k, name, json_num(x[i]), json_num(y[i])))
        }
      } else if (abs(x[i] - y[i]) > 1e-8 * max(1, abs(y[i]))) {
        bad <- c(bad, sprintf("%s %s: %s here, %s in summary.json", k, name, json_num(x[i]), json_num(y[i])))
      }
    }
  }
  bad
}

# JSON with every digit (jsonlite rounds to 15); an undefined number is null.
json_num <- function(x) if (is.finite(x)) sprintf("%.17g", x) else "null"

to_json <- function(spec, ours) {
  rows <- vapply(names(ours), function(k) {
    x <- numbers(ours[[k]])
    sprintf('    "%s": {"estimate": %s, "se": %s, "ci95": [%s, %s]}', k,
            json_num(x[1]), json_num(x[2]), json_num(x[3]), json_num(x[4]))
  }, "")
  paste0('{\n  "spec": "', spec, '",\n  "estimates": {\n', paste(rows, collapse = ",\n"), "\n  }\n}\n")
}

usage <- "usage: Rscript examples/analysis.R panel.csv [summary.json] [--spec ols|fe]"

main <- function(args) {
  spec <- "ols"
  i <- match("--spec", args)
  if (!is.na(i)) {
    spec <- args[i + 1]
    args <- args[-c(i, i + 1)]
  }
  if (!(length(args) %in% 1:2) || is.na(spec) || !(spec %in% c("ols", "fe"))) {
    message(usage)
    quit(status = 2)
  }
  panel <- read.csv(args[1], stringsAsFactors = FALSE)
  ours <- estimates(panel, spec)
  cat(to_json(spec, ours))
  if (length(args) == 2) {
    bad <- compare(ours, jsonlite::fromJSON(args[2], simplifyVector = FALSE))
    for (line in bad) message(line)
    if (length(bad) > 0) quit(status = 1)
    message(sprintf("all %d estimates agree with %s to 1e-8", length(ours), args[2]))
  }
}

main(commandArgs(trailingOnly = TRUE))
