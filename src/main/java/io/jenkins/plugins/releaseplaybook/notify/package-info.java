/**
 * Release notifications after a build: a {@link hudson.model.listeners.RunListener} reads the finished build's
 * Release Report, the engine ({@code engine.notification}) turns it into events and payloads, and they are sent on
 * background threads (webhook; mail through the Mailer plugin when it is installed), so that no build waits for a
 * receiver.
 */
package io.jenkins.plugins.releaseplaybook.notify;
