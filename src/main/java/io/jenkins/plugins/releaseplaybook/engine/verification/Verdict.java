package io.jenkins.plugins.releaseplaybook.engine.verification;

/** Outcome of a stability verification or one of its checks; declared from best to worst. */
public enum Verdict {
    PASS,
    INCONCLUSIVE,
    ERROR,
    FAIL;

    /** The worse of two verdicts: FAIL &gt; ERROR &gt; INCONCLUSIVE &gt; PASS. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
