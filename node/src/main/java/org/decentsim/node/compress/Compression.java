package org.decentsim.node.compress;

/**
 * One direction's compression: the compressor and the error-feedback rule around it. The float32
 * flag of the compressor also applies to the uncompressed first messages of EF21-type rules.
 */
public record Compression(CompressorSpec compressor, ErrorFeedback feedback) {
  /** True when messages go out exactly as computed: identity compressor, doubles, no feedback. */
  public boolean isOff() {
    return compressor.kind() == CompressorSpec.Kind.IDENTITY
        && !compressor.float32()
        && feedback.kind() == ErrorFeedback.Kind.NONE;
  }
}
