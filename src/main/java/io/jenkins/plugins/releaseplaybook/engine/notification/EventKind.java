package io.jenkins.plugins.releaseplaybook.engine.notification;

/** What happened to a release that people should hear about. */
public enum EventKind {
    /** {@code releaseGate} found required checklist items missing. */
    GATE_FAILED("gateFailed", Topic.GATE),
    /** {@code autoRollback} rolled a (real) release back. */
    ROLLED_BACK("rolledBack", Topic.ROLLBACK),
    /** A drill's rollback worked. */
    DRILL_PASSED("drillPassed", Topic.DRILL),
    /** A drill's rollback did not work: the emergency plan needs attention. */
    DRILL_FAILED("drillFailed", Topic.DRILL);

    /** The groups an administrator turns on or off. */
    public enum Topic {
        GATE,
        ROLLBACK,
        DRILL
    }

    private final String id;
    private final Topic topic;

    EventKind(String id, Topic topic) {
        this.id = id;
        this.topic = topic;
    }

    /** The name in payloads, e.g. {@code gateFailed}; stable across versions. */
    public String id() {
        return id;
    }

    public Topic topic() {
        return topic;
    }
}
