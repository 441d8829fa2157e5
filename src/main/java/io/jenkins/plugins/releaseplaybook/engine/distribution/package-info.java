/**
 * Pre-distribution: put the release's artifacts on every target ahead of the release window and prove that they
 * arrived intact.
 *
 * <p>Entry point: build a {@link io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec} with
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec#builder()} (artifacts from
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactSet#collect}), then call
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor#overSftp} (or
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.Distributor#toLocalDirectories} for mounted shares).
 * It returns a {@link io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionResult} with one
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.TargetResult} per target and one
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.ArtifactResult} per target and artifact. Everything
 * the plugin sends or gets back is {@link java.io.Serializable} (the work runs where the files are, on an agent).
 *
 * <p>Per target and artifact: a file with the same SHA-256 already in place is skipped; otherwise the artifact is
 * written to a temporary dot-name in the target directory, its SHA-256 is computed on the target and compared, and
 * only then renamed over the final name. Failures remove the temporary file. The only exception type thrown on
 * purpose is {@link io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException} (with a
 * {@link io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind}), plus
 * {@link java.lang.InterruptedException} on abort. Credentials are values handed in by the caller; no text the
 * package produces (results, exceptions, progress) contains them.
 */
package io.jenkins.plugins.releaseplaybook.engine.distribution;
