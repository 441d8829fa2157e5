package io.jenkins.plugins.releaseplaybook.engine.rollback;

import java.io.Serializable;

/**
 * What {@link RollbackActions} answers for one action: whether it worked and what a reader should know (the restored
 * paths, the exit code, the downstream build's URL and result).
 */
public record ActionResult(boolean succeeded, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ActionResult {
        message = message == null ? "" : message;
    }

    public static ActionResult succeeded(String message) {
        return new ActionResult(true, message);
    }

    public static ActionResult failed(String message) {
        return new ActionResult(false, message);
    }
}
