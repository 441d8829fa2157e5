package io.jenkins.plugins.releaseplaybook.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The targets of {@code preDistribute(agents: ...)}: every node matching the label expression (an agent's name is a
 * label too) that is online now, by name, with its root directory. Offline matches are named, not targeted.
 *
 * @param roots each online agent's root directory, by name ({@code built-in} for the controller)
 * @param offline the matching agents that are offline
 */
record AgentTargets(Map<String, FilePath> roots, List<String> offline) {

    static AgentTargets matching(String expression) throws AbortException {
        Label label;
        try {
            label = Label.parseExpression(expression);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.PreDistributeStep_BadLabel(expression, e.getMessage()));
        }
        Map<String, FilePath> roots = new TreeMap<>();
        List<String> offline = new ArrayList<>();
        for (Node node : label.getNodes()) {
            String name = BackupStepExecution.nodeName(node);
            Computer computer = node.toComputer();
            FilePath root = node.getRootPath();
            if (computer != null && computer.isOnline() && root != null) {
                roots.put(name, root);
            } else {
                offline.add(name);
            }
        }
        if (roots.isEmpty()) {
            throw new AbortException(offline.isEmpty() ? Messages.PreDistributeStep_NoAgent(expression)
                    : Messages.PreDistributeStep_NoAgentOnline(expression, String.join(", ", offline)));
        }
        return new AgentTargets(roots, List.copyOf(offline));
    }

    /** One engine target per agent, by name (agent names contain no {@code :} or {@code @}). */
    List<Target> targets() {
        return roots.keySet().stream().map(name -> new Target(null, name, Target.DEFAULT_PORT)).toList();
    }
}
