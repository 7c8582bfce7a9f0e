#!/usr/bin/python3
"""One simulated mentoring study, vectorised with NumPy: a SPEED comparison.

This is a from-scratch NumPy version of what `mentorsim run -hires N -seed S
-json` does (sim/study.New, Study.RunToEnd, Study.Summary): hire N reps (draw
their traits, survey measures, peer access, class factors), put them in the
study's arms, simulate every rep-day of the 126-day horizon in both potential
outcomes (with and without a mentor, the second only for the truth window),
and compute the study's estimates and true effects. It follows the Go model's
structure and the defaults of sim/param (the `advice` preset), but it draws
from NumPy's own random streams, so its numbers agree with the Go engine's
only in distribution, not digit for digit. It exists to be timed; nothing
else in the repository reads its estimates.

The loop is over tenure days, vectorised across reps (a rep's days do not
depend on any other rep's, so all reps can be on the same tenure day at
once; see docs/model.md, section 3). Memory is O(reps): no reps x days
array is ever made.

    /usr/bin/python3 bench/numpy_study.py --hires 200000 --seed 1 --repeat 3

prints one JSON object: {"hires", "seed", "seconds_best", "seconds_all",
"estimates"}, where the times are wall times (time.perf_counter) of one
whole study, from hiring to the estimates.
"""

import argparse
import json
import math
import statistics
import sys
import time
from types import SimpleNamespace

import numpy as np

# The defaults of sim/param/param.go's table (the `advice` preset), only the
# ones a study under policy 0 (the experiment), optin_rule 0 and screen 0 uses.
PARAMS = dict(
    hires=603, class_size=20, horizon=126,
    sa_inflation=0.5, sa_compression=0.5, sa_noise=1.2,
    insecurity_corr=0.3, eagerness_corr=0.3, frailty_sd=1.0,
    survey_reliability=0.7, experience_corr=0.3,
    optin_base=0.1222, optin_need=0.3, optin_shyness=0.3, optin_eagerness=0.3,
    optin_peer=0.5574, optin_noise=0.4388,
    calls_per_day=30.0, conv_base=-2.0, conv_skill=0.4573, learn_gap=1.0,
    learn_tau=30.0, price=100.0, calls_day_sd=0.25, absence_rate=0.04, class_sd=0.1,
    mentor_gain=0.6075, mentor_floor=2.19, mentor_gain_pow=1.0,
    peer_help=0.6776, peer_help_slope=4.618, denied_help=0.5,
    program_start=0, program_days=20, gain_decay_tau=351.8,
    quit_base=0.00407, quit_early=3.0, quit_early_tau=15.0, quit_perf=-0.0524,
    belonging=0.696, pending_quit=0.0787,
)

WINDOWS = (21, 42, 63, 126)  # model.Windows: reported windows [0, w) of tenure days
MONTH1, MONTH2, MONTH3, MONTH6 = WINDOWS
TRUTH_WINDOW = MONTH2        # model.TruthWindow
Z95 = 1.959963984540054      # estimate.Z95

# study.Arm, in the same order.
MAND_MENTORED, MAND_CONTROL, OPTIN_MENTORED, OPTIN_DENIED, OPTOUT = range(5)
NUM_ARMS = 5


# ----------------------------------------------------------------------------
# Random streams (docs/model.md 7.11). The Go engine has one stream per rep
# and purpose; here each purpose has one NumPy stream for all reps.

def streams(seed):
    """One independent PCG64 generator per purpose, like the Go salts."""
    names = ("assign", "rep", "survey", "peer", "klass", "day", "sales")
    kids = np.random.SeedSequence(seed).spawn(len(names))
    return SimpleNamespace(**{n: np.random.Generator(np.random.PCG64(k)) for n, k in zip(names, kids)})


# ----------------------------------------------------------------------------
# Per-day tables (model.New).

def day_tables(p):
    """learn, quit and ramp per tenure day and the 32-point day factor on calls."""
    t = np.arange(int(p["horizon"]), dtype=float)
    start, end = p["program_start"], p["program_start"] + p["program_days"]
    ramp = np.where(t < start, 0.0,
                    np.where(t < end, (t - start + 1) / p["program_days"],
                             np.exp(-(t - end) / p["gain_decay_tau"])))
    # normalCells: the standard normal's quantiles at (i + 1/2)/32.
    z = np.array([statistics.NormalDist().inv_cdf((i + 0.5) / 32) for i in range(32)])
    factor = np.exp(p["calls_day_sd"] * z)
    return SimpleNamespace(
        learn=np.exp(p["learn_gap"] * np.exp(-t / p["learn_tau"])),  # factor on the odds against a sale
        quit=p["quit_base"] * (1 + p["quit_early"] * np.exp(-t / p["quit_early_tau"])),
        ramp=ramp,  # g(t)/G^w (docs/model.md 7.4)
        day_factor=factor / factor.mean(),
        start=int(start), end=int(end))


# ----------------------------------------------------------------------------
# Hiring (Model.HireAll, hire, drawTraits, drawSurvey, drawAdvice).

def root1m(c):
    """sqrt(1 - c^2): the weight of a trait's part independent of ability."""
    return math.sqrt(1 - c * c)


def propensity_moments(p):
    """propensityMoments: mean and sd over hires of the raw propensity A."""
    on_a = (-p["optin_need"] * (1 - p["sa_compression"]) + p["optin_shyness"] * p["insecurity_corr"]
            + p["optin_eagerness"] * p["eagerness_corr"])
    parts = (on_a, p["optin_need"] * p["sa_noise"], p["optin_shyness"] * root1m(p["insecurity_corr"]),
             p["optin_eagerness"] * root1m(p["eagerness_corr"]), p["optin_peer"])
    v = sum(x * x for x in parts) or 1.0
    return -p["optin_need"] * p["sa_inflation"], math.sqrt(v)


def sa_sd(p):
    """saSD: the sd of self-assessment (1 if it is a constant)."""
    return math.sqrt((1 - p["sa_compression"]) ** 2 + p["sa_noise"] ** 2) or 1.0


def draw_traits(p, n, rng):
    """drawTraits: a, s, z, e, phi and the choice noise eps (7.1)."""
    a, ns, nz, ne, nf = rng.standard_normal((5, n))
    fsd = p["frailty_sd"]
    return SimpleNamespace(
        a=a,
        s=p["sa_inflation"] + (1 - p["sa_compression"]) * a + p["sa_noise"] * ns,
        z=-p["insecurity_corr"] * a + root1m(p["insecurity_corr"]) * nz,
        e=p["eagerness_corr"] * a + root1m(p["eagerness_corr"]) * ne,
        frailty=np.exp(fsd * nf - fsd * fsd / 2),
        eps=rng.logistic(size=n))


def draw_survey(p, r, rng):
    """drawSurvey and observedScreen: the measures at hire and the screening
    score (screen 0). The study's estimates do not use them, but the Go
    engine computes them for every hire, so this does too."""
    rel, noise = math.sqrt(p["survey_reliability"]), math.sqrt(1 - p["survey_reliability"])
    ms, mz, me, mx = rng.standard_normal((4, r.a.size))
    x = np.stack([rel * (r.s - p["sa_inflation"]) / sa_sd(p) + noise * ms,
                  rel * r.z + noise * mz,
                  rel * r.e + noise * me,
                  p["experience_corr"] * r.a + root1m(p["experience_corr"]) * mx])
    b = np.array([rel * (1 - p["sa_compression"]) / sa_sd(p), -rel * p["insecurity_corr"],
                  rel * p["eagerness_corr"], p["experience_corr"]])
    v = np.maximum(1 - b * b, 1e-9)
    S = float(np.sum(b * b / v))
    r.survey = x
    r.screen = (b / v) @ x / math.sqrt(S * S + S) if S > 0 else np.zeros(r.a.size)


def know_how(a, p):
    """KnowHowOf: G = min(gap, mentor_gain * gap^pow), gap = max(0, floor - a)."""
    gap = np.maximum(p["mentor_floor"] - a, 0.0)
    if p["mentor_gain"] == 0:
        return np.zeros_like(a)
    return np.where(gap > 0, np.minimum(gap, p["mentor_gain"] * gap ** p["mentor_gain_pow"]), 0.0)


def raw_propensity(p, r):
    """rawPropensity: A = need*(-s) - shyness*z + eagerness*e + peer*p."""
    return (p["optin_need"] * -r.s - p["optin_shyness"] * r.z
            + p["optin_eagerness"] * r.e + p["optin_peer"] * r.peer)


def draw_advice(p, r, rng):
    """drawAdvice: peer access, propensity P, know-how G and peer share pi."""
    r.peer = rng.standard_normal(r.a.size)
    mean, sd = propensity_moments(p)
    r.raw = raw_propensity(p, r)
    r.propensity = (r.raw - mean) / sd
    r.G = know_how(r.a, p)
    r.pi = 1 / (1 + np.exp(-(p["peer_help"] + p["peer_help_slope"] * r.propensity)))


def class_factors(p, n, rng):
    """classFactor per class, exp(sd*z - sd^2/2), and each rep's calls_per_day
    times its class's factor (Rep.calls)."""
    size, sd = int(p["class_size"]), p["class_sd"]
    k = (n + size - 1) // size
    f = np.exp(sd * rng.standard_normal(k) - sd * sd / 2) if sd > 0 else np.ones(k)
    return p["calls_per_day"] * np.repeat(f, size)[:n]


def hire(p, n, st):
    """Model.HireAll: every rep's traits and the constants of its days."""
    r = draw_traits(p, n, st.rep)
    draw_survey(p, r, st.survey)
    draw_advice(p, r, st.peer)
    r.n = n
    r.calls = class_factors(p, n, st.klass)
    r.conv_exp = np.exp(-p["conv_base"] - p["conv_skill"] * r.a)   # odds against a sale of a trained rep
    r.hazard = r.frailty * np.exp(-p["quit_perf"] * r.a)            # the rep's factor on the daily hazard
    return r


# ----------------------------------------------------------------------------
# Design (study.assign, branchSizes, Model.Assign).

def branch_sizes(n):
    """branchSizes: the 110 : 171 : 322 split of 603, rounded half up."""
    mentored = (n * 110 * 2 + 603) // (2 * 603)
    control = (n * 171 * 2 + 603) // (2 * 603)
    return mentored, control, n - mentored - control


def assign(p, r, rng):
    """study.assign: shuffle the branch labels, ask the voluntary branch
    (U > 0, 7.2), give the first half of the shuffled opt-ins a mentor."""
    m, c, v = branch_sizes(r.n)
    arms = np.repeat(np.array([MAND_MENTORED, MAND_CONTROL, OPTOUT], dtype=np.int8), [m, c, v])
    rng.shuffle(arms)
    utility = p["optin_base"] + r.raw + p["optin_noise"] * r.eps   # Traits.Utility, optin_rule 0
    optins = np.flatnonzero((arms == OPTOUT) & (utility > 0))
    rng.shuffle(optins)
    half = optins.size // 2
    arms[optins[:half]] = OPTIN_MENTORED
    arms[optins[half:]] = OPTIN_DENIED
    r.arms = arms
    r.opted_in = (arms == OPTIN_MENTORED) | (arms == OPTIN_DENIED)
    r.mentored = (arms == MAND_MENTORED) | (arms == OPTIN_MENTORED)
    # Model.Assign: an opt-in's world without a mentor also finds the share
    # denied_help of what peers do not give it (7.4).
    share = np.where(r.opted_in, r.pi + p["denied_help"] * (1 - r.pi), r.pi)
    r.gain = np.stack([r.G, share * r.G])  # [with a mentor, without]
    group_by_arm(r)


def group_by_arm(r):
    """Reorder the reps by arm (stably, so in id order within an arm), so
    that an arm's reps are one slice and its day totals (study.Daily) are
    slice sums. Reps are independent and carry their class factor with them,
    so their order changes nothing else (docs/model.md, section 3)."""
    order = np.argsort(r.arms, kind="stable")
    for name, v in vars(r).items():
        if isinstance(v, np.ndarray) and v.ndim and v.shape[-1] == r.n:
            setattr(r, name, v[..., order])
    r.arm_bounds = np.searchsorted(r.arms, np.arange(NUM_ARMS + 1))


# ----------------------------------------------------------------------------
# The days (Model.Live, day, tonight, urged).

def new_worlds(r):
    """Both potential outcomes (model.World) of every rep: row 0 is the world
    the rep lives in, row 1 the other, which is simulated only in the truth
    window. Each row has its own know-how (Rep.gain) and mentor."""
    live = np.where(r.mentored, r.gain[0], r.gain[1])
    other = np.where(r.mentored, r.gain[1], r.gain[0])
    shape = (2, r.n)
    return SimpleNamespace(
        gain=np.stack([live, other]), has_mentor=np.stack([r.mentored, ~r.mentored]),
        left=np.zeros(shape, bool), pending=np.zeros(shape, bool),
        days=np.zeros(shape, np.int32), revenue=np.zeros(shape))


def new_observed(n, horizon):
    """What the study observes of each rep (Rep's counters) and the totals per
    arm and tenure day (study.Daily)."""
    return SimpleNamespace(
        days=np.zeros(n, np.int32), sales=np.zeros(n, np.int64), calls=np.zeros(n), present=np.zeros(n, np.int32),
        w_sales=np.zeros((len(WINDOWS), n), np.int64), w_calls=np.zeros((len(WINDOWS), n)),
        w_present=np.zeros((len(WINDOWS), n), np.int32),
        daily=np.zeros((3, NUM_ARMS, horizon), np.int64))  # employed, sales, sales^2


def daily_uniforms(rng, n):
    """One 64-bit word per rep-day shared by both worlds: u2 (top 32 bits) for
    the urge to leave, u3 (low 32 bits) for putting it off (7.11)."""
    b = rng.bit_generator.random_raw(n)
    return (b >> np.uint64(32)) * 2.0 ** -32, (b & np.uint64(0xFFFFFFFF)) * 2.0 ** -32


def world_day(p, tab, t, r, w, k, u2, u3):
    """Model.day and Model.tonight for the first k worlds (2 in the truth
    window, else only the live one): book the day's expected revenue in the
    truth window, then decide who leaves tonight (7.6). Returns the live
    world's expected sales lambda and who worked the day there."""
    emp = ~w.left[:k]                       # employed at the start of day t
    g = w.gain[:k] * tab.ramp[t]            # know-how on day t, g(t) (7.4)
    lam = r.calls / (1 + r.conv_exp * tab.learn[t] * np.exp(-p["conv_skill"] * g))  # 7.5
    if t < TRUTH_WINDOW:
        w.days[:k] += emp
        w.revenue[:k] += np.where(emp, lam * (p["price"] * (1 - p["absence_rate"])), 0.0)
    h = tab.quit[t] * r.hazard * np.exp(-p["quit_perf"] * g)  # urged's hazard
    leave = emp & (u2 < -np.expm1(-h))      # an urge to leave (urge)
    if tab.start <= t < tab.end:            # a mentor puts an urge off
        put_off = leave & w.has_mentor[:k] & (u3 < p["belonging"])
        w.pending[:k] |= put_off
        leave &= ~put_off
    elif t >= tab.end:                      # a put-off urge is acted on
        leave |= emp & w.pending[:k] & (u3 < p["pending_quit"])
    w.left[:k] |= leave
    return lam[0], emp[0]


def book_sales(p, tab, t, r, obs, lam, worked, st):
    """The live world's observed day (Model.Live, callsOn): the day's factor
    on calls (0 when absent) from a hash-like word per rep-day, sales
    Poisson(factor*lambda), the rep's window sums and the arm's day totals."""
    bits = st.day.bit_generator.random_raw(r.n)
    present = worked & ((bits >> np.uint64(11)) * 2.0 ** -53 >= p["absence_rate"])
    c = np.where(present, tab.day_factor[bits & np.uint64(31)], 0.0)
    sales = st.sales.poisson(lam * c)
    obs.days += worked
    obs.sales += sales
    obs.calls += r.calls * c
    obs.present += present
    if t + 1 in WINDOWS:  # closeWindows
        i = WINDOWS.index(t + 1)
        obs.w_sales[i], obs.w_calls[i], obs.w_present[i] = obs.sales, obs.calls, obs.present
    sq = sales * sales
    for a, (lo, hi) in enumerate(zip(r.arm_bounds[:-1], r.arm_bounds[1:])):  # Daily.add
        obs.daily[:, a, t] = worked[lo:hi].sum(), sales[lo:hi].sum(), sq[lo:hi].sum()


def run_to_end(p, tab, r, st):
    """Study.RunToEnd: every rep to the horizon, one tenure day at a time."""
    w = new_worlds(r)
    obs = new_observed(r.n, len(tab.ramp))
    for t in range(len(tab.ramp)):
        k = 2 if t < TRUTH_WINDOW else 1
        u2, u3 = daily_uniforms(st.rep, r.n)
        lam, worked = world_day(p, tab, t, r, w, k, u2, u3)
        book_sales(p, tab, t, r, obs, lam, worked, st)
    obs.left, obs.horizon = w.left[0], len(tab.ramp)
    return w, obs


# ----------------------------------------------------------------------------
# Estimators (sim/estimate).

def est(x, se, lo=None, hi=None):
    """estimate.Estimate as summary.json writes it (NaN and Inf as null)."""
    if lo is None:
        lo, hi = x - Z95 * se, x + Z95 * se
    vals = [x, se, lo, hi]
    if not all(math.isfinite(v) for v in vals):
        vals = [math.nan] * 4
    x, se, lo, hi = (v if math.isfinite(v) else None for v in vals)
    return {"estimate": x, "se": se, "ci95": [lo, hi]}


UNDEFINED = est(math.nan, math.nan)


def ratio_lift(m0, m1, v0, v1):
    """ratioLift: m1/m0 - 1 with the delta-method SE."""
    ratio = m1 / m0
    return est(ratio - 1, math.sqrt(v1 + ratio * ratio * v0) / abs(m0))


def cr1_lift(weight, obs_days, rev, treated):
    """RevenueLift (weight = obs_days = employed days) and CallLift (weight =
    calls, obs_days = days with calls): the arms' sum(R)/sum(weight) with CR1
    errors clustered by rep and the lift by the delta method."""
    keep = obs_days > 0
    weight, obs_days, rev, treated = weight[keep], obs_days[keep], rev[keep], treated[keep]
    g, n = int(keep.sum()), int(obs_days.sum())
    wt = np.array([weight[~treated].sum(), weight[treated].sum()])
    nd = np.array([obs_days[~treated].sum(), obs_days[treated].sum()])
    if nd[0] == 0 or nd[1] == 0 or not (wt > 0).all() or g < 2 or n <= 2:
        return UNDEFINED
    m = np.array([rev[~treated].sum(), rev[treated].sum()]) / wt
    if m[0] == 0:
        return UNDEFINED
    e = rev - weight * m[treated.astype(int)]
    ss = np.array([np.sum(e[~treated] ** 2), np.sum(e[treated] ** 2)])
    c = g / (g - 1) * ((n - 1) / (n - 2))
    v = c * ss / (wt * wt)
    return ratio_lift(m[0], m[1], v[0], v[1])


def arm_mean(days, rev):
    """ArmMean: sum(R)/sum(D) with its CR1 variance, K = 1."""
    keep = days > 0
    days, rev = days[keep], rev[keep]
    g, n = days.size, days.sum()
    if g < 2:
        return math.nan, math.nan
    m = rev.sum() / n
    e = rev - days * m
    return m, g / (g - 1) * (np.sum(e * e) / float(n) ** 2)


def implied_optout(means, p_est):
    """ImpliedOptout: ATU = (dM - p dV)/((1 - p) m_o) and ATT - ATU."""
    (mm, vmm), (mc, vmc), (im, vim), (md, vmd), (mo, vmo) = means
    p, pse = p_est["estimate"], p_est["se"]
    q = 1 - p
    if not q > 0 or mo == 0 or md == 0:
        return UNDEFINED, UNDEFINED
    d_m, d_v = mm - mc, im - md
    k = 1 / (q * mo)
    theta = (d_m - p * d_v) * k
    var = np.array([vmm, vmc, vim, vmd, vmo, pse * pse])
    g_atu = np.array([k, -k, -p * k, p * k, -theta / mo, (d_m - d_v) * k / q])
    g_att = np.array([0, 0, 1 / md, -im / (md * md), 0, 0])
    att = im / md - 1
    return (est(theta, math.sqrt(np.sum(g_atu ** 2 * var))),
            est(att - theta, math.sqrt(np.sum((g_att - g_atu) ** 2 * var))))


def kaplan_meier(time, event, max_t):
    """KaplanMeier: S(0..max_t) and Greenwood's variance of log S."""
    inside = time <= max_t
    exits = np.bincount(time[inside], minlength=max_t + 1)
    events = np.bincount(time[inside & event], minlength=max_t + 1)
    at_risk, surv, var_log = time.size, 1.0, 0.0
    S, V = np.empty(max_t + 1), np.empty(max_t + 1)
    for x in range(max_t + 1):
        n, d = at_risk, int(events[x])
        if n == 0:
            if surv != 0:
                surv = var_log = math.nan
        elif d == n:
            surv, var_log = 0.0, math.inf
        elif d > 0:
            surv *= (n - d) / n
            var_log += d / (n * (n - d))
        S[x], V[x] = surv, var_log
        at_risk -= int(exits[x])
    return S, V


def km_horizon(time, t):
    """horizon: min(t, last time + 1)."""
    return min(t, int(time.max()) + 1) if time.size else min(t, 0)


def survival(time, event, t):
    """Survival: the Kaplan-Meier S(t) with a plain interval."""
    h = km_horizon(time, t)
    S, V = kaplan_meier(time, event, h)
    s = S[h]
    if math.isnan(s):
        return UNDEFINED
    if s == 0:
        return est(0.0, 0.0, 0.0, 0.0)
    se = s * math.sqrt(V[h])
    return est(s, se, max(0.0, s - Z95 * se), min(1.0, s + Z95 * se))


def survival_lift(treated, comparison, t):
    """SurvivalLift and CurveLift: S1(t)/S0(t) - 1, interval on the log ratio."""
    h = max(km_horizon(treated[0], t), km_horizon(comparison[0], t))
    S1, V1 = kaplan_meier(*treated, h)
    S0, V0 = kaplan_meier(*comparison, h)
    s1, s0 = S1[h], S0[h]
    if not (s1 > 0 and s0 > 0):
        return UNDEFINED
    ratio, se_log = s1 / s0, math.sqrt(V1[h] + V0[h])
    d = Z95 * se_log
    return est(ratio - 1, ratio * se_log, ratio * math.exp(-d) - 1, ratio * math.exp(d) - 1)


def proportion(k, n):
    """Proportion: k/n with a Wald interval clipped to [0, 1]."""
    if n <= 0:
        return UNDEFINED
    x = k / n
    se = math.sqrt(x * (1 - x) / n)
    return est(x, se, max(0.0, x - Z95 * se), min(1.0, x + Z95 * se))


def mean_var(xs):
    """meanVar: the mean and the variance with denominator len(xs)."""
    m = xs.mean()
    return m, np.mean((xs - m) ** 2)


def trimmed_mean(ys, t, vt, from_top):
    """trimmedMean: drop round(t*n) of the sorted ys from one end."""
    n = ys.size
    k = int(math.floor(t * n + 0.5))  # Go's math.Round (halves up, t*n >= 0)
    if k >= n:
        return math.nan, math.nan
    kept, y = (ys[:n - k], ys[n - k - 1]) if from_top else (ys[k:], ys[k])
    m, s2 = mean_var(kept)
    d = y - m
    return m, (s2 + t * d * d) / (n * (1 - t)) + d * d / ((1 - t) ** 2) * vt


def lee_bounds(stayed, outcome, treated):
    """LeeBounds: trim the stayers of the arm with higher retention."""
    ys = [np.sort(outcome[stayed & ~treated]), np.sort(outcome[stayed & treated])]
    total = [int((~treated).sum()), int(treated.sum())]
    if ys[0].size < 2 or ys[1].size < 2:
        return UNDEFINED, UNDEFINED
    q = [ys[0].size / total[0], ys[1].size / total[1]]
    hi = 0 if q[0] > q[1] else 1
    lo = 1 - hi
    t = (q[hi] - q[lo]) / q[hi]
    vt = (q[lo] * (1 - q[lo]) / total[lo]) / (q[hi] ** 2) + (q[lo] ** 2 / q[hi] ** 4) * (q[hi] * (1 - q[hi]) / total[hi])
    m, v = mean_var(ys[lo])
    v_lo = v / ys[lo].size

    def bound(from_top):
        mt, vtm = trimmed_mean(ys[hi], t, vt, from_top)
        m1, v1, m0, v0 = (mt, vtm, m, v_lo) if hi == 1 else (m, v_lo, mt, vtm)
        return UNDEFINED if m0 == 0 else ratio_lift(m0, m1, v0, v1)
    return bound(hi == 1), bound(hi == 0)


# ----------------------------------------------------------------------------
# The study's estimates (Study.EstimatesSpec, SpecOLS) and true effects
# (Study.Truth).

def units(p, r, obs, wi):
    """Study.units: per rep, its employed days, revenue and calls in window wi."""
    days = np.minimum(obs.days, WINDOWS[wi])
    return days, p["price"] * obs.w_sales[wi], obs.w_calls[wi]


def groups(r, treated_arms, comparison_arms):
    """The reps in either group and, for them, whether they are treated."""
    t, c = np.isin(r.arms, treated_arms), np.isin(r.arms, comparison_arms)
    sel = t | c
    return sel, t[sel]


def revenue_lift(p, r, obs, treated_arms, comparison_arms, wi):
    """Study.revenueLift: revenue per employed rep-day, treated vs comparison."""
    sel, tr = groups(r, treated_arms, comparison_arms)
    days, rev, _ = units(p, r, obs, wi)
    return cr1_lift(days[sel], days[sel], rev[sel], tr)


def spells(r, obs, arms):
    """Study.Spells: days employed for a leaver (an event), else the tenure
    reached, the horizon (censored)."""
    sel = np.isin(r.arms, arms)
    time = np.where(obs.left, obs.days, obs.horizon)
    return time[sel].astype(np.int64), obs.left[sel]


def estimates(p, r, obs):
    """Study.EstimatesSpec(SpecOLS): every estimand of docs/model.md 7.8.
    At the end of the run every window has been seen (seenUnits = units)."""
    mand, ctrl = [MAND_MENTORED], [MAND_CONTROL]
    om, od, optins, optout = [OPTIN_MENTORED], [OPTIN_DENIED], [OPTIN_MENTORED, OPTIN_DENIED], [OPTOUT]
    vol = r.arms >= OPTIN_MENTORED
    rate = proportion(int(r.opted_in[vol].sum()), int(vol.sum()))

    days, rev, calls = units(p, r, obs, 1)
    sel, tr = groups(r, mand, ctrl)
    itt = cr1_lift(np.ones(tr.size), np.ones(tr.size), rev[sel], tr)
    lower, upper = lee_bounds(days[sel] >= MONTH2, rev[sel] / MONTH2, tr)
    per_call = cr1_lift(calls[sel], obs.w_present[1][sel], rev[sel], tr)
    means = [arm_mean(days[r.arms == a], rev[r.arms == a]) for a in range(NUM_ARMS)]
    atu, diff = implied_optout(means, rate)

    return {
        "mandatory.revenue_lift_2m": revenue_lift(p, r, obs, mand, ctrl, 1),
        "mandatory.revenue_lift_6m": revenue_lift(p, r, obs, mand, ctrl, 3),
        "mandatory.retention_lift_1m": survival_lift(spells(r, obs, mand), spells(r, obs, ctrl), MONTH1),
        "voluntary.optin_rate": rate,
        "voluntary.revenue_lift_2m": revenue_lift(p, r, obs, om, od, 1),
        "voluntary.retention_lift_1m": survival_lift(spells(r, obs, om), spells(r, obs, od), MONTH1),
        "voluntary.retention_lift_3m": survival_lift(spells(r, obs, om), spells(r, obs, od), MONTH3),
        "voluntary.optin_vs_optout_revenue_2m": revenue_lift(p, r, obs, optins, optout, 1),
        "control.retention_3m": survival(*spells(r, obs, ctrl), MONTH3),
        "implied.optout_revenue_lift_2m": atu,
        "implied.att_minus_atu_revenue_2m": diff,
        "mandatory.itt_revenue_per_hire_lift_2m": itt,
        "mandatory.lee_lower_revenue_lift_2m": lower,
        "mandatory.lee_upper_revenue_lift_2m": upper,
        "mandatory.revenue_per_call_lift_2m": per_call,
    }


def truth(r, w):
    """Study.Truth: the lift in expected revenue per employed rep-day with a
    mentor over without, in the truth window, from both potential outcomes."""
    def pick(x, mentor):  # world rows -> [without, with] a mentor
        live_is = r.mentored if mentor else ~r.mentored
        return np.where(live_is, x[0], x[1])
    rev = np.stack([pick(w.revenue, False), pick(w.revenue, True)])
    days = np.stack([pick(w.days, False), pick(w.days, True)])

    def lift(sel):  # null when undefined, as summary.json writes NaN
        d = days[:, sel].sum(1)
        if not (d > 0).all():
            return None
        m = rev[:, sel].sum(1) / d
        x = float(m[1] / m[0] - 1) if m[0] != 0 else math.nan
        return x if math.isfinite(x) else None
    return {"truth.ate": lift(np.ones(r.n, bool)), "truth.att_optin": lift(r.opted_in),
            "truth.atu_optout": lift(r.arms == OPTOUT)}


# ----------------------------------------------------------------------------

def study(p, seed):
    """study.New, Study.RunToEnd and Study.Summary's estimates and truth."""
    st = streams(seed)
    tab = day_tables(p)
    r = hire(p, int(p["hires"]), st)
    assign(p, r, st.assign)
    w, obs = run_to_end(p, tab, r, st)
    out = estimates(p, r, obs)
    out.update(truth(r, w))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hires", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="studies to time (same seed); the best is reported")
    args = ap.parse_args(argv)
    if args.hires < 2 or args.repeat < 1:
        ap.error("want --hires >= 2 and --repeat >= 1")
    p = dict(PARAMS, hires=args.hires)
    times, out = [], None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        out = study(p, args.seed)
        times.append(time.perf_counter() - t0)
    json.dump({"hires": args.hires, "seed": args.seed, "seconds_best": min(times),
               "seconds_all": times, "estimates": out}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
