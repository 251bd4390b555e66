/**
 * SPDY/3.1 framing, as the Kubernetes streaming protocols (port-forward, and exec's fallback) still use it: {@link
 * io.strata.kubernetes.spdy.SpdyFrame} values for every frame type, {@link io.strata.kubernetes.spdy.SpdyReader}
 * turning an arbitrarily split byte stream into frames and {@link io.strata.kubernetes.spdy.SpdyWriter} turning
 * frames into bytes. Name/value header blocks are zlib-compressed with the SPDY/3 dictionary ({@link
 * io.strata.kubernetes.spdy.SpdyDictionary}), one zlib stream per direction flushed with SYNC_FLUSH after each block.
 * The codec does no I/O; {@link io.strata.kubernetes.spdy.SpdyUpgradeConnection} is the one transport piece: the
 * raw socket of a {@code POST} upgraded to SPDY/3.1, feeding a {@link io.strata.kubernetes.spdy.SpdySession}.
 */
package io.strata.kubernetes.spdy;
