#!/usr/bin/env python3
"""Reproduce `mentorsim run -json`'s estimates from the exported rep-day panel.

    mentorsim run -out out
    python3 examples/analysis.py out/panel.csv [out/summary.json] [--spec fe]

It reads only panel.csv (one row per rep and tenure day: rep, arm, class,
calendar_day, tenure_day, calls, sales, revenue, employed, and the measures
taken at hire, which it does not use), recomputes every
estimand with statsmodels and numpy (formulas in docs/model.md, "Estimands the
design identifies"), and prints them as JSON. Given the run's summary.json, it
also compares the two and exits 1 if any number differs by more than 1e-8
(relative to max(1, |value|)). With --spec fe the revenue lifts are those of
`mentorsim run -spec fe`: tenure-day and training-class fixed effects with
errors clustered by class. Needs pandas, numpy and statsmodels (Debian:
python3-statsmodels).
"""
import json
import math
import sys

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import proportion_confint

Z95 = 1.959963984540054  # qnorm(0.975)
MONTH1, MONTH2, MONTH3, MONTH6 = 21, 42, 63, 126
MAND, CTRL = ["mandatory_mentored"], ["mandatory_control"]
OPTIN_M, OPTIN_D = ["optin_mentored"], ["optin_denied"]
OPTINS, OPTOUTS = ["optin_mentored", "optin_denied"], ["optout"]
VOLUNTARY = OPTINS + OPTOUTS


def wald(x, se):
    return {"estimate": x, "se": se, "ci95": [x - Z95 * se, x + Z95 * se]}


def lift_from(fit, term="treated"):
    """beta/alpha with the delta method on the fit's covariance."""
    a, b = fit.params["Intercept"], fit.params[term]
    cov = fit.cov_params().loc[["Intercept", term], ["Intercept", term]].to_numpy()
    g = np.array([-b / a**2, 1 / a])
    return wald(b / a, math.sqrt(g @ cov @ g))


def comparison(panel, treated, comp, window):
    """Employed rep-days of the two groups within the window, with a dummy."""
    d = panel[(panel.tenure_day < window) & (panel.employed == 1) & panel.arm.isin(treated + comp)].copy()
    d["treated"] = d.arm.isin(treated).astype(float)
    return d


def revenue_lift(panel, treated, comp, window, spec):
    """OLS of daily revenue on the dummy over employed rep-days."""
    d = comparison(panel, treated, comp, window)
    if spec == "fe":
        return fe_lift(d)
    fit = smf.ols("revenue ~ treated", data=d).fit(cov_type="cluster", cov_kwds={"groups": d.rep.to_numpy()})
    return lift_from(fit)


def fe_lift(d):
    """Tenure-day and class fixed effects; the lift is beta over m0, the
    comparison group's mean revenue per rep-day, with the delta method's SE
    over both, CR1 clustered by class: each observation's influence on beta
    is the row of (X'X)^-1 for the dummy times x_i e_i, on m0 its deviation
    over the comparison group's count."""
    d = d.rename(columns={"class": "klass"})
    fit = smf.ols("revenue ~ treated + C(tenure_day) + C(klass)", data=d).fit()
    X = fit.model.exog
    row = np.asarray(fit.normalized_cov_params)[fit.model.exog_names.index("treated")]
    b, comp = fit.params["treated"], (d.treated == 0).to_numpy()
    base = d.revenue[comp].mean()
    on_beta = (X @ row) * fit.resid.to_numpy()
    on_base = np.where(comp, d.revenue.to_numpy() - base, 0.0) / comp.sum()
    by_class = pd.Series(on_beta / base - b * on_base / base**2).groupby(d.klass.to_numpy()).sum()
    g, n, k = len(by_class), len(d), fit.df_model + 1
    c = g / (g - 1) * (n - 1) / (n - k)
    return wald(b / base, math.sqrt(c * (by_class**2).sum()))


def per_rep(panel, arms, window):
    """Per rep in the arms: days worked, calls and revenue within the window."""
    d = panel[(panel.tenure_day < window) & panel.arm.isin(arms)]
    g = d.groupby("rep").agg(arm=("arm", "first"), days=("employed", "sum"), calls=("calls", "sum"),
                             revenue=("revenue", "sum"), seen=("tenure_day", "max"))
    return g.reset_index()


def call_lift(panel, treated, comp, window):
    """WLS of revenue per call on the dummy, weights = calls, CR1 by rep."""
    d = comparison(panel, treated, comp, window)
    d = d[d.calls > 0].copy()
    d["per_call"] = d.revenue / d.calls
    fit = smf.wls("per_call ~ treated", data=d, weights=d.calls).fit(
        cov_type="cluster", cov_kwds={"groups": d.rep.to_numpy()})
    return lift_from(fit)


def itt_lift(panel, treated, comp, window):
    """Revenue per hire over the window (days after leaving count as zero), one
    row per rep, HC1."""
    g = per_rep(panel, treated + comp, window)
    g["treated"] = g.arm.isin(treated).astype(float)
    fit = smf.ols("revenue ~ treated", data=g).fit(cov_type="HC1")
    return lift_from(fit)


def spells(panel, arms):
    """Time to leaving: days worked, an event if the rep left before the last
    day simulated for it."""
    g = panel[panel.arm.isin(arms)].groupby("rep").agg(days=("employed", "sum"), tenure=("tenure_day", "count"))
    left = (g.days < g.tenure).to_numpy()
    time = np.where(left, g.days, g.tenure)
    return time.astype(float), left.astype(float)


def km_at(time, event, t):
    """Kaplan-Meier S(t) = P(T > t) and Greenwood's variance of log S."""
    sf = SurvfuncRight(time, event)
    k = np.searchsorted(sf.surv_times, t, side="right")  # event times <= t
    if k == 0:
        return 1.0, 0.0
    s, se = sf.surv_prob[k - 1], sf.surv_prob_se[k - 1]
    return s, (se / s) ** 2


def survival(panel, arms, t):
    s, vlog = km_at(*spells(panel, arms), t)
    se = s * math.sqrt(vlog)
    return {"estimate": s, "se": se, "ci95": [max(0.0, s - Z95 * se), min(1.0, s + Z95 * se)]}


def survival_lift(panel, treated, comp, t):
    s1, v1 = km_at(*spells(panel, treated), t)
    s0, v0 = km_at(*spells(panel, comp), t)
    r, se_log = s1 / s0, math.sqrt(v1 + v0)
    return {"estimate": r - 1, "se": r * se_log,
            "ci95": [r * math.exp(-Z95 * se_log) - 1, r * math.exp(Z95 * se_log) - 1]}


def optin_rate(panel):
    reps = panel[panel.arm.isin(VOLUNTARY)].groupby("rep").arm.first()
    n, k = len(reps), int(reps.isin(OPTINS).sum())
    p = k / n
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return {"estimate": p, "se": math.sqrt(p * (1 - p) / n), "ci95": [max(0.0, lo), min(1.0, hi)]}


def arm_mean(panel, arm, window):
    """Revenue per employed rep-day of one arm: intercept-only OLS, CR1 by rep."""
    d = comparison(panel, [arm], [], window)
    fit = smf.ols("revenue ~ 1", data=d).fit(cov_type="cluster", cov_kwds={"groups": d.rep.to_numpy()})
    return fit.params["Intercept"], fit.bse["Intercept"] ** 2


def implied(panel, p, window):
    """ATU = (D_M - p D_V) / ((1 - p) m_o), the effects D in revenue per
    employed rep-day, and ATT - ATU; delta method by the gradient in the five
    arm means and p (independent samples; p uncorrelated with the means)."""
    arms = ["mandatory_mentored", "mandatory_control", "optin_mentored", "optin_denied", "optout"]
    means = [arm_mean(panel, a, window) for a in arms]
    x = np.array([m for m, _ in means] + [p["estimate"]])
    v = np.array([var for _, var in means] + [p["se"] ** 2])

    def atu(x):
        return ((x[0] - x[1]) - x[5] * (x[2] - x[3])) / ((1 - x[5]) * x[4])

    def diff(x):
        return x[2] / x[3] - 1 - atu(x)

    mm, mc, mim, mid, mo, pp = x
    q = 1 - pp
    g_atu = np.array([1, -1, -pp, pp, -atu(x) * q, ((mm - mc) - (mim - mid)) / q]) / (q * mo)
    g_att = np.array([0, 0, 1 / mid, -mim / mid**2, 0, 0])
    g_diff = g_att - g_atu
    return wald(atu(x), math.sqrt(g_atu**2 @ v)), wald(diff(x), math.sqrt(g_diff**2 @ v))


def ratio(m0, m1, v0, v1):
    r = m1 / m0
    return wald(r - 1, math.sqrt(v1 + r * r * v0) / abs(m0))


def lee_bounds(panel, treated, comp, window):
    """Lee (2009) bounds on the lift in revenue per day for reps who would work
    the whole window in either arm; the arm with the higher retention is
    trimmed (docs/model.md)."""
    g = per_rep(panel, treated + comp, window)
    g = g[g.seen >= window - 1]  # window observed (every rep, in a finished run)
    g["treated"] = g.arm.isin(treated)
    ys, q, n = {}, {}, {}
    for a in (False, True):
        grp = g[g.treated == a]
        n[a] = len(grp)
        stay = grp[grp.days >= window]
        ys[a] = np.sort((stay.revenue / window).to_numpy())
        q[a] = len(stay) / n[a]
    hi = q[True] >= q[False]
    lo = not hi
    t = (q[hi] - q[lo]) / q[hi]
    vt = q[lo] * (1 - q[lo]) / n[lo] / q[hi] ** 2 + (q[lo] / q[hi] ** 2) ** 2 * q[hi] * (1 - q[hi]) / n[hi]
    m, v = ys[lo].mean(), ys[lo].var() / len(ys[lo])

    def trimmed(from_top):
        y = ys[hi]
        k = math.floor(t * len(y) + 0.5)  # halves away from zero, as Go's math.Round
        kept = y[: len(y) - k] if from_top else y[k:]
        edge = kept[-1] if from_top else kept[0]
        mt, s2 = kept.mean(), kept.var()
        dd = edge - mt
        return mt, (s2 + t * dd * dd) / (len(y) * (1 - t)) + (dd / (1 - t)) ** 2 * vt

    out = []
    for from_top in (hi, not hi):  # lower bound, then upper
        mt, vtm = trimmed(from_top)
        out.append(ratio(m, mt, v, vtm) if hi else ratio(mt, m, vtm, v))
    return out[0], out[1]


UNDEFINED = {"estimate": None, "se": None, "ci95": [None, None]}


def defined(f, *args, n=1):
    """f(*args), or (n of) UNDEFINED where the data cannot give it (a group
    too small or empty in a tiny study: run -json writes null there too)."""
    try:
        return f(*args)
    except (ZeroDivisionError, ValueError, KeyError, IndexError, np.linalg.LinAlgError):
        return UNDEFINED if n == 1 else (UNDEFINED,) * n


def estimates(panel, spec="ols"):
    p = defined(optin_rate, panel)
    atu, diff = defined(implied, panel, p, MONTH2, n=2)
    lower, upper = defined(lee_bounds, panel, MAND, CTRL, MONTH2, n=2)
    return {
        "mandatory.revenue_lift_2m": defined(revenue_lift, panel, MAND, CTRL, MONTH2, spec),
        "mandatory.revenue_lift_6m": defined(revenue_lift, panel, MAND, CTRL, MONTH6, spec),
        "mandatory.retention_lift_1m": defined(survival_lift, panel, MAND, CTRL, MONTH1),
        "voluntary.optin_rate": p,
        "voluntary.revenue_lift_2m": defined(revenue_lift, panel, OPTIN_M, OPTIN_D, MONTH2, spec),
        "voluntary.retention_lift_1m": defined(survival_lift, panel, OPTIN_M, OPTIN_D, MONTH1),
        "voluntary.retention_lift_3m": defined(survival_lift, panel, OPTIN_M, OPTIN_D, MONTH3),
        "voluntary.optin_vs_optout_revenue_2m": defined(revenue_lift, panel, OPTINS, OPTOUTS, MONTH2, spec),
        "control.retention_3m": defined(survival, panel, CTRL, MONTH3),
        "implied.optout_revenue_lift_2m": atu,
        "implied.att_minus_atu_revenue_2m": diff,
        "mandatory.itt_revenue_per_hire_lift_2m": defined(itt_lift, panel, MAND, CTRL, MONTH2),
        "mandatory.lee_lower_revenue_lift_2m": lower,
        "mandatory.lee_upper_revenue_lift_2m": upper,
        "mandatory.revenue_per_call_lift_2m": defined(call_lift, panel, MAND, CTRL, MONTH2),
    }


def num(x):
    """A finite number as a float, else None (JSON null)."""
    return float(x) if x is not None and math.isfinite(x) else None


def numbers(e):
    return [e["estimate"], e["se"], e["ci95"][0], e["ci95"][1]]


def compare(ours, summary):
    """Differences beyond 1e-8 (relative to max(1, |value|)), as lines."""
    bad = []
    for k, e in ours.items():
        theirs = summary["estimates"].get(k)
        if theirs is None:
            bad.append(f"{k}: not in summary.json")
            continue
        for name, x, y in zip(("estimate", "se", "lo", "hi"), numbers(e), numbers(theirs)):
            if x is None or y is None:
                if x is not y:
                    bad.append(f"{k} {name}: {x} here, {y} in summary.json")
            elif abs(x - y) > 1e-8 * max(1.0, abs(y)):
                bad.append(f"{k} {name}: {x!r} here, {y!r} in summary.json")
    return bad


def main(argv):
    spec = "ols"
    if "--spec" in argv:
        i = argv.index("--spec")
        spec = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) not in (2, 3) or spec not in ("ols", "fe"):
        sys.exit(__doc__)
    panel = pd.read_csv(argv[1])
    ours = {k: {"estimate": num(v["estimate"]), "se": num(v["se"]), "ci95": [num(x) for x in v["ci95"]]}
            for k, v in estimates(panel, spec).items()}
    json.dump({"spec": spec, "estimates": ours}, sys.stdout, indent=2)
    print()
    if len(argv) == 3:
        with open(argv[2]) as f:
            bad = compare(ours, json.load(f))
        for line in bad:
            print(line, file=sys.stderr)
        if bad:
            sys.exit(1)
        print(f"all {len(ours)} estimates agree with {argv[2]} to 1e-8", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
