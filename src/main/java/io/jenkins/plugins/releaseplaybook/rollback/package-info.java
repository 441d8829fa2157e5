/**
 * The plugin side of {@code autoRollback}'s actions: {@link io.jenkins.plugins.releaseplaybook.rollback.StepRollbackActions}
 * implements the engine's {@code RollbackActions} port with the node's launcher, the backup callable and the queue.
 */
package io.jenkins.plugins.releaseplaybook.rollback;
