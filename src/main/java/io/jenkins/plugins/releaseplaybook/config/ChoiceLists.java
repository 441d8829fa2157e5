package io.jenkins.plugins.releaseplaybook.config;

import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.engine.verification.Direction;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import io.jenkins.plugins.releaseplaybook.engine.verification.NoDataPolicy;

/**
 * The choices of the select boxes, with translated names, for Manage Jenkins and the Snippet Generator alike: the
 * values are the engine's constant names ({@code HIGHER_IS_WORSE}, {@code INCONCLUSIVE}, {@code FAIL_CLOSED}),
 * which every parser of the plugin accepts, so that a form, a Jenkinsfile and a JCasC file spell them the same way.
 * Callers check permissions; these methods only build the lists.
 */
public final class ChoiceLists {
    private ChoiceLists() {}

    /** The two directions. */
    public static ListBoxModel directions() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.ChoiceLists_HigherIsWorse(), Direction.HIGHER_IS_WORSE.name());
        items.add(Messages.ChoiceLists_LowerIsWorse(), Direction.LOWER_IS_WORSE.name());
        return items;
    }

    /**
     * For a job's custom check: first "same as the catalogue" (an empty value) when a catalogue check has the name,
     * so that a job that only tightens a check keeps its direction; otherwise the two real directions only.
     */
    public static ListBoxModel directionsFor(boolean catalogueHasTheName) {
        ListBoxModel items = new ListBoxModel();
        if (catalogueHasTheName) {
            items.add(Messages.ChoiceLists_SameAsCatalogue(), "");
        }
        items.addAll(directions());
        return items;
    }

    /** The three no-data policies, the default first. */
    public static ListBoxModel noDataPolicies() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.ChoiceLists_NoDataInconclusive(), NoDataPolicy.INCONCLUSIVE.name());
        items.add(Messages.ChoiceLists_NoDataFail(), NoDataPolicy.FAIL.name());
        items.add(Messages.ChoiceLists_NoDataIgnore(), NoDataPolicy.IGNORE.name());
        return items;
    }

    /** For a step: first "each check's own policy" (an empty value), then the three policies. */
    public static ListBoxModel noDataPoliciesOrEachChecksOwn() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.ChoiceLists_NoDataEachChecksOwn(), "");
        items.addAll(noDataPolicies());
        return items;
    }

    /** The two error policies, the default (fail closed) first. */
    public static ListBoxModel errorPolicies() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.ChoiceLists_ErrorFailClosed(), ErrorPolicy.FAIL_CLOSED.name());
        items.add(Messages.ChoiceLists_ErrorInconclusive(), ErrorPolicy.INCONCLUSIVE.name());
        return items;
    }
}
