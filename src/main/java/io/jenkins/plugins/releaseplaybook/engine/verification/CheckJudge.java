package io.jenkins.plugins.releaseplaybook.engine.verification;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges one check, sample by sample, as design §4 says:
 * <ul>
 *   <li>{@code failAfter} consecutive FAIL samples fail the check at once (fail fast). NODATA and ERROR
 *       samples neither extend nor break a run of failures: a gap in the data must not hide one.</li>
 *   <li>{@code maxErrors} consecutive ERROR samples make the check ERROR; any other sample resets the count.
 *       A query that Prometheus rejects (bad PromQL) is ERROR at once: asking again cannot help.</li>
 *   <li>At the end: at least half of the samples NODATA, or none with a value, follows the no-data policy;
 *       never PASS without a single value. Data that stops and stays gone (a NODATA tail of at least
 *       {@code failAfter} samples and at least the last fifth of the samples: a vanished service) is never PASS:
 *       FAIL under the FAIL policy, else INCONCLUSIVE. Every trail states how many samples had no data.</li>
 *   <li>A relative limit compares the window's median with the baseline's and fails only when the change
 *       exceeds the limit <em>and</em> a one-sided Mann-Whitney U test finds it significant with a large
 *       effect, so noise does not roll back a good release. Missing baseline data is said, never passed.</li>
 * </ul>
 * Every line of the trail is a {@link Text} (key and arguments), so the report can show it in the reader's
 * language; numbers in it are formatted here, once. Not thread-safe: one sampler thread feeds it.
 */
final class CheckJudge {
    /** Significance level of the baseline comparison. */
    static final double ALPHA = 0.05;
    /** Smallest common-language effect size that counts as a regression (Vargha and Delaney's "large"). */
    static final double MIN_EFFECT = 0.71;
    /** Fewest values on each side for a baseline comparison. */
    static final int MIN_COMPARISON_SAMPLES = 5;
    /** A NODATA tail of at least this share of the samples (and {@code failAfter} of them) is a vanished series. */
    static final double VANISHED_TAIL_SHARE = 0.2;

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CheckSpec check;
    private final ErrorPolicy errorPolicy;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Sample> failRun = new ArrayList<>();
    private final List<Sample> errorRun = new ArrayList<>();
    private Verdict decided;
    private Text decision;
    /** Whether the trail being concluded already says how many samples had no data. */
    private boolean noDataStated;
    /** The line of the trail being concluded that made the verdict worse than PASS, first one wins. */
    private Text why;

    CheckJudge(CheckSpec check, ErrorPolicy errorPolicy) {
        this.check = check;
        this.errorPolicy = errorPolicy;
    }

    CheckSpec check() {
        return check;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    void record(Sample sample) {
        if (decided != null) {
            return;
        }
        samples.add(sample);
        switch (sample.outcome()) {
            case PASS -> {
                failRun.clear();
                errorRun.clear();
            }
            case FAIL -> {
                errorRun.clear();
                failRun.add(sample);
                if (failRun.size() >= check.failAfter()) {
                    decided = Verdict.FAIL;
                    decision = failLine(failRun);
                }
            }
            case NODATA -> errorRun.clear();
            case ERROR -> {
                errorRun.add(sample);
                if (sample.permanent()) {
                    decided = Verdict.ERROR;
                    decision = Text.of("verification.trail.rejected", check.description(), sample.error());
                } else if (errorRun.size() >= check.maxErrors()) {
                    decided = Verdict.ERROR;
                    decision = Text.of("verification.trail.errorRun", check.description(), errorRun.size(),
                            times(errorRun), sample.error());
                }
            }
        }
    }

    /** Whether the check's verdict is settled (FAIL or ERROR); further samples would not change it. */
    boolean isDecided() {
        return decided != null;
    }

    /** Whether this check has failed for good, so the verification may stop early. */
    boolean stopsVerification() {
        return decided == Verdict.FAIL || decided == Verdict.ERROR && errorPolicy == ErrorPolicy.FAIL_CLOSED;
    }

    /** The last sample in words, for the build log's progress line. */
    String status() {
        if (samples.isEmpty()) {
            return check.name() + " -";
        }
        Sample last = samples.get(samples.size() - 1);
        String value = last.hasValue() ? Numbers.withUnit(last.value(), check.unit()) : last.outcome().name().toLowerCase(Locale.ROOT);
        String state = decided != null ? decided.name()
                : last.outcome() == SampleOutcome.FAIL ? "FAIL " + failRun.size() + "/" + check.failAfter()
                : last.outcome() == SampleOutcome.ERROR ? "ERROR " + errorRun.size() + "/" + check.maxErrors()
                : "ok";
        return check.name() + " " + value + " " + state;
    }

    /** The check's verdict over the whole window. */
    CheckResult conclude(Baseline baseline) {
        noDataStated = false;
        why = null;
        List<Text> trail = new ArrayList<>();
        if (!check.adjustmentNotes().isEmpty()) {
            trail.add(Text.of("verification.trail.thresholds", Text.list(check.adjustmentNotes())));
        }
        double[] values = samples.stream().filter(Sample::hasValue).mapToDouble(Sample::value).toArray();
        Double observed = values.length == 0 ? null : Stats.median(values);
        Verdict verdict;
        if (decided != null) {
            trail.add(decision);
            why = decision;
            verdict = decided;
            if (decided == Verdict.FAIL) {
                observed = failRun.get(failRun.size() - 1).value();
            } else if (errorPolicy == ErrorPolicy.INCONCLUSIVE) {
                trail.add(Text.of("verification.trail.errorsInconclusive"));
                verdict = Verdict.INCONCLUSIVE;
            }
        } else {
            verdict = judgeWindow(values, baseline, trail);
        }
        // A settled failure's trail is about the failure: it mentions samples without data only if there were any.
        if (!noDataStated && !samples.isEmpty() && (decided == null || count(SampleOutcome.NODATA) > 0)) {
            trail.add(noDataCount());
        }
        return new CheckResult(check, verdict, observed, baseline, samples(), trail, why);
    }

    private Verdict judgeWindow(double[] values, Baseline baseline, List<Text> trail) {
        long noData = count(SampleOutcome.NODATA);
        long errors = count(SampleOutcome.ERROR);
        int total = samples.size();
        if (total == 0) {
            trail.add(because(Text.of("verification.trail.noSample", check.description())));
            return Verdict.INCONCLUSIVE;
        }
        if (errors > 0) {
            trail.add(Text.of("verification.trail.someErrors", check.description(), errors, total, check.maxErrors()));
        }
        if (values.length == 0) {
            if (noData == 0) {
                trail.add(because(Text.of("verification.trail.noQuerySucceeded", check.description())));
                return errorPolicy == ErrorPolicy.FAIL_CLOSED ? Verdict.ERROR : Verdict.INCONCLUSIVE;
            }
            trail.add(because(Text.of("verification.trail.noDataAtAll", check.description(), total, lastNoData(),
                    noDataPolicy(check.noData()))));
            noDataStated = true;
            return check.noData() == NoDataPolicy.FAIL ? Verdict.FAIL : Verdict.INCONCLUSIVE;
        }
        Verdict verdict = Verdict.PASS;
        if (noData * 2 >= total) {
            trail.add(Text.of("verification.trail.mostlyNoData", check.description(), noData, total,
                    noDataPolicy(check.noData())));
            noDataStated = true;
            verdict = switch (check.noData()) {
                case FAIL -> Verdict.FAIL;
                case INCONCLUSIVE -> Verdict.INCONCLUSIVE;
                case IGNORE -> Verdict.PASS;
            };
            if (verdict != Verdict.PASS) {
                because(trail.get(trail.size() - 1));
            }
        }
        int tail = noDataTail();
        if (tail > 0 && tail >= check.failAfter() && tail >= VANISHED_TAIL_SHARE * total) {
            // The series vanished and did not come back: whatever the policy, that is not a healthy release.
            Sample first = samples.get(samples.size() - tail);
            trail.add(Text.of("verification.trail.vanished", check.description(), clock(first.at()), tail, total,
                    noDataReason(samples.get(samples.size() - 1).error()), noDataPolicy(check.noData())));
            because(trail.get(trail.size() - 1));
            verdict = verdict.worst(check.noData() == NoDataPolicy.FAIL ? Verdict.FAIL : Verdict.INCONCLUSIVE);
        }
        if (check.isVersionCheck()) {
            verdict = verdict.worst(versionAtEnd(trail));
        } else if (check.limit() != null) {
            trail.add(absoluteLine(values));
        }
        if (check.maxChangePercent() != null) {
            Verdict relative = compareWithBaseline(values, baseline, trail);
            if (relative != Verdict.PASS) {
                because(trail.get(trail.size() - 1));
            }
            verdict = verdict.worst(relative);
        }
        return verdict;
    }

    /** Notes {@code line} as why the verdict is not PASS, unless an earlier line already is. */
    private Text because(Text line) {
        if (why == null) {
            why = line;
        }
        return line;
    }

    private Verdict compareWithBaseline(double[] values, Baseline baseline, List<Text> trail) {
        Text limit = Text.of("verification.limit.relative", Numbers.exactPercent(check.maxChangePercent()),
                worseWord(check.direction()));
        if (baseline == null || !baseline.hasData()) {
            trail.add(Text.of("verification.trail.noBaseline", check.description(),
                    baseline == null ? Text.of("verification.baseline.noWindow") : baselineProblem(baseline.problem()),
                    limit));
            return Verdict.INCONCLUSIVE;
        }
        if (values.length < MIN_COMPARISON_SAMPLES || baseline.values().length < MIN_COMPARISON_SAMPLES) {
            trail.add(Text.of("verification.trail.tooFewToCompare", check.description(), values.length,
                    baseline.values().length, MIN_COMPARISON_SAMPLES));
            return Verdict.INCONCLUSIVE;
        }
        double windowMedian = Stats.median(values);
        double baselineMedian = baseline.median();
        double change = relativeChange(windowMedian, baselineMedian);
        Text comparison = Text.of("verification.trail.comparison", check.description(),
                Numbers.withUnit(windowMedian, check.unit()), Numbers.withUnit(baselineMedian, check.unit()),
                describeChange(change), limit);
        if (change <= check.maxChangePercent()) {
            trail.add(Text.of("verification.trail.withinLimit", comparison));
            return Verdict.PASS;
        }
        MannWhitneyU.Result test = check.direction() == Direction.HIGHER_IS_WORSE
                ? MannWhitneyU.greater(values, baseline.values())
                : MannWhitneyU.greater(negate(values), negate(baseline.values()));
        Text statistics = Text.of("verification.trail.statistics", String.format(Locale.ROOT, "%.4f", test.pValue()),
                String.format(Locale.ROOT, "%.2f", test.effectSize()));
        if (test.pValue() < ALPHA && test.effectSize() >= MIN_EFFECT) {
            trail.add(Text.of("verification.trail.regression", comparison, statistics));
            return Verdict.FAIL;
        }
        trail.add(Text.of("verification.trail.noise", comparison, statistics, Double.toString(ALPHA),
                Double.toString(MIN_EFFECT)));
        return Verdict.PASS;
    }

    /** Change of the window against the baseline in the bad direction, in percent (negative: better). */
    private double relativeChange(double window, double base) {
        if (base == 0) {
            return window == 0 ? 0 : check.direction().breaches(window, 0) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double percent = (window - base) / Math.abs(base) * 100;
        return check.direction() == Direction.HIGHER_IS_WORSE ? percent : -percent;
    }

    private Text describeChange(double change) {
        if (Double.isInfinite(change)) {
            return Text.of(change > 0 ? "verification.change.worseThanZero" : "verification.change.betterThanZero");
        }
        Direction direction = check.direction();
        boolean above = change >= 0 ? direction == Direction.HIGHER_IS_WORSE : direction != Direction.HIGHER_IS_WORSE;
        return Text.of(above ? "verification.change.above" : "verification.change.below", Numbers.percent(Math.abs(change)));
    }

    /** {@code above} or {@code below}: how a change in the bad direction reads. */
    static Text worseWord(Direction direction) {
        return Text.of(direction == Direction.HIGHER_IS_WORSE ? "verification.direction.above" : "verification.direction.below");
    }

    static Text noDataPolicy(NoDataPolicy policy) {
        return Text.of("verification.noData." + policy.label());
    }

    /** The baseline's problem in words: the known ones in every language, any other as it is. */
    private static Text baselineProblem(String problem) {
        if ("no data in the baseline window".equals(problem)) {
            return Text.of("verification.baseline.noData");
        }
        if ("no baseline window was configured".equals(problem)) {
            return Text.of("verification.baseline.notConfigured");
        }
        String failed = "the baseline query failed: ";
        if (problem != null && problem.startsWith(failed)) {
            return Text.of("verification.baseline.queryFailed", problem.substring(failed.length()));
        }
        return Text.literal(problem);
    }

    private Text absoluteLine(double[] values) {
        double worst = values[0];
        for (double value : values) {
            if (check.direction().breaches(value, worst)) {
                worst = value;
            }
        }
        Text line = Text.of("verification.trail.absolute", check.description(),
                Numbers.withUnit(Stats.median(values), check.unit()), check.direction().passingOperator(),
                Numbers.exactWithUnit(check.limit(), check.unit()), values.length, Numbers.withUnit(worst, check.unit()));
        long failures = count(SampleOutcome.FAIL);
        if (failures > 0) {
            line = Text.of(failures == 1 ? "verification.trail.absoluteOneFailure" : "verification.trail.absoluteFailures",
                    line, failures, check.failAfter());
        }
        return line;
    }

    /**
     * A deployed-version check at the window's end: the rollout must be complete by then. A last sample that still saw
     * another version fails the check even when fewer than {@code failAfter} samples in a row did.
     */
    private Verdict versionAtEnd(List<Text> trail) {
        Sample last = null;
        for (int i = samples.size() - 1; i >= 0 && last == null; i--) {
            if (samples.get(i).hasValue()) {
                last = samples.get(i);
            }
        }
        if (last == null) {
            return Verdict.PASS; // no value at all was judged above
        }
        long failures = count(SampleOutcome.FAIL);
        if (last.outcome() == SampleOutcome.FAIL) {
            trail.add(because(Text.of("verification.trail.versionAtEnd", check.description(), versionNote(last.series()),
                    clock(last.at()))));
            return Verdict.FAIL;
        }
        Text line = Text.of("verification.trail.versionOk", check.description(), versionNote(last.series()));
        trail.add(failures == 0 ? line : Text.of(failures == 1 ? "verification.trail.absoluteOneFailure"
                : "verification.trail.absoluteFailures", line, failures, check.failAfter()));
        return Verdict.PASS;
    }

    private static final Pattern OTHER_VERSIONS = Pattern.compile("(\\d+) of (\\d+) instances still report another version \\((.*)\\)");
    private static final Pattern ALL_ON_VERSION = Pattern.compile("all (\\d+) instances report (.*)");

    /** A version sample's note (stored in English, see {@link SampleClassifier#otherVersions}) in any language. */
    static Text versionNote(String note) {
        Matcher matcher = OTHER_VERSIONS.matcher(note == null ? "" : note);
        if (matcher.matches()) {
            return Text.of("verification.version.others", matcher.group(1), matcher.group(2), matcher.group(3));
        }
        matcher = ALL_ON_VERSION.matcher(note == null ? "" : note);
        if (matcher.matches()) {
            return Text.of("verification.version.all", matcher.group(1), matcher.group(2));
        }
        return Text.literal(note == null ? "" : note);
    }

    private Text failLine(List<Sample> run) {
        if (check.isVersionCheck()) {
            Sample last = run.get(run.size() - 1);
            return Text.of(run.size() == 1 ? "verification.trail.versionFailOne" : "verification.trail.versionFailRun",
                    check.description(), versionNote(last.series()), run.size(), times(run));
        }
        String shown = run.stream().map(s -> Numbers.withUnit(s.value(), check.unit())).distinct()
                .collect(Collectors.joining(", "));
        String series = run.get(run.size() - 1).series();
        Text line = Text.of(run.size() == 1 ? "verification.trail.failOne" : "verification.trail.failRun",
                check.description(), shown, check.direction().failingOperator(),
                Numbers.exactWithUnit(check.limit(), check.unit()), run.size(), times(run));
        return series.isEmpty() ? line : Text.of("verification.trail.inSeries", line, series);
    }

    private Text lastNoData() {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).outcome() == SampleOutcome.NODATA) {
                return Text.of("verification.trail.last", noDataReason(samples.get(i).error()));
            }
        }
        return Text.literal("");
    }

    /** How many samples had no data, and why the last of them had none. */
    private Text noDataCount() {
        long noData = count(SampleOutcome.NODATA);
        return noData == 0 ? Text.of("verification.trail.noDataCount", check.description(), 0, samples.size())
                : Text.of("verification.trail.noDataCountLast", check.description(), noData, samples.size(), lastNoData());
    }

    /** The samples at the end of the window that had no data, in a row. */
    private int noDataTail() {
        int tail = 0;
        for (int i = samples.size() - 1; i >= 0 && samples.get(i).outcome() == SampleOutcome.NODATA; i--) {
            tail++;
        }
        return tail;
    }

    private static final Pattern VALUE = Pattern.compile("value (\\S+)");
    private static final Pattern NON_FINITE = Pattern.compile("(\\d+) series without a finite value");
    private static final Pattern LOW_TRAFFIC = Pattern.compile("too little traffic \\((\\d+) requests < (\\S+)\\)");

    /** A NODATA sample's reason (stored in English) in words of any language; an unknown one as it is. */
    static Text noDataReason(String reason) {
        if (reason == null) {
            return Text.literal("");
        }
        if (reason.equals("empty result")) {
            return Text.of("verification.noDataReason.empty");
        }
        if (reason.equals(SampleClassifier.SERIES_ABSENT)) {
            return Text.of("verification.noDataReason.absent");
        }
        Matcher matcher = LOW_TRAFFIC.matcher(reason);
        if (matcher.matches()) {
            return Text.of("verification.noDataReason.lowTraffic", matcher.group(1), matcher.group(2));
        }
        matcher = NON_FINITE.matcher(reason);
        if (matcher.matches()) {
            return Text.of("verification.noDataReason.nonFinite", matcher.group(1));
        }
        matcher = VALUE.matcher(reason);
        if (matcher.matches()) {
            return Text.of("verification.noDataReason.value", matcher.group(1));
        }
        return Text.literal(reason);
    }

    private long count(SampleOutcome outcome) {
        return samples.stream().filter(s -> s.outcome() == outcome).count();
    }

    private static String times(List<Sample> run) {
        return run.stream().map(s -> CLOCK.format(s.at())).collect(Collectors.joining(", "));
    }

    private static double[] negate(double[] values) {
        double[] negated = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -values[i];
        }
        return negated;
    }

    /** For tests and the report: the time format of decision trails. */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }
}
