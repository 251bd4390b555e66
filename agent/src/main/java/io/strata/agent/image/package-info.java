/**
 * Container images on the agent: {@link io.strata.agent.image.ImageReference} parses references as Docker does,
 * {@link io.strata.agent.image.RegistryClient} speaks the registry HTTP API v2 (content negotiation, token and basic
 * auth, verified blobs, retries), {@link io.strata.agent.image.ImageStore} keeps a content-addressed cache of blobs
 * and unpacked layers and turns a reference into an {@link io.strata.agent.image.Image} (one download however many
 * tasks ask at once), and {@link io.strata.agent.image.RootfsProvisioner} gives each container a writable overlay
 * root over the shared read-only layers. Every pull failure is an {@link io.strata.agent.image.ImagePullException}
 * whose message names the image and the cause.
 */
package io.strata.agent.image;
