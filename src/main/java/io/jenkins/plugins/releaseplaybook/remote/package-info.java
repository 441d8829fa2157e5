/**
 * What runs on the node of a {@code node} block: {@code MasterToSlaveFileCallable}s that carry a small serializable
 * request to the agent, run the engine there (the engine and its libraries load on the agent through remoting), and
 * bring a small serializable result back. Nothing here knows about builds, steps or reports.
 */
package io.jenkins.plugins.releaseplaybook.remote;
