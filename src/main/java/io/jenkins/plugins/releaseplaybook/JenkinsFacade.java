package io.jenkins.plugins.releaseplaybook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.model.Computer;
import hudson.model.ItemGroup;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.model.Jenkins;

/**
 * The one place that reaches {@link Jenkins#get()}: permission checks, the root URL and the root item
 * group. Keeping it here lets the rest of the plugin stay free of static Jenkins lookups.
 */
public class JenkinsFacade {

    /** Whether the current user has the permission on Jenkins as a whole. */
    public boolean hasPermission(Permission permission) {
        return Jenkins.get().hasPermission(permission);
    }

    /**
     * Whether the current user has the permission on the context object, or on Jenkins when there is no
     * context (for example the global Pipeline Syntax page, which has no job).
     */
    public boolean hasPermission(Permission permission, @CheckForNull AccessControlled context) {
        return context == null ? hasPermission(permission) : context.hasPermission(permission);
    }

    /** Throws an access-denied error (HTTP 403 in a web request) unless the current user has the permission. */
    public void checkPermission(Permission permission) {
        Jenkins.get().checkPermission(permission);
    }

    /** The configured root URL, or {@code null} when the administrator has not set one. */
    @CheckForNull
    public String getRootUrl() {
        return Jenkins.get().getRootUrl();
    }

    /** Jenkins' HTTP proxy settings (Manage Jenkins > System > HTTP Proxy Configuration), or {@code null} if none. */
    @CheckForNull
    public ProxyConfiguration getProxy() {
        return Jenkins.get().proxy;
    }

    /**
     * Whether the controller is shutting down (or gone): background work then leaves its state for the next start
     * instead of scheduling more, since a timer created now would outlive this Jenkins.
     */
    public boolean isTerminating() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null || jenkins.isTerminating();
    }

    /** Every computer (the controller's included), for a look at what their executors run. */
    public Computer[] getComputers() {
        return Jenkins.get().getComputers();
    }

    /** Whether the plugin with this short name (e.g. {@code mailer}) is installed and active in this session. */
    public boolean isPluginActive(String shortName) {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        hudson.PluginWrapper plugin = jenkins == null ? null : jenkins.getPluginManager().getPlugin(shortName);
        return plugin != null && plugin.isActive();
    }

    /** Jenkins as the item group that owns globally scoped things such as system credentials. */
    public ItemGroup<?> getRootItemGroup() {
        return Jenkins.get();
    }
}
