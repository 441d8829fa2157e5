package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;

/** A silence the admin policy refuses; it never reaches Alertmanager. Lists every reason at once. */
public class SilencePolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> reasons;

    public SilencePolicyException(List<String> reasons) {
        super("Silence refused by the Release Playbook policy: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
