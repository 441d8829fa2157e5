package io.jenkins.plugins.releaseplaybook.engine.distribution;

/**
 * What a target says about a regular file.
 *
 * @param size bytes
 * @param modifiedSeconds last modification, seconds since the epoch
 */
public record RemoteFile(long size, long modifiedSeconds) {}
