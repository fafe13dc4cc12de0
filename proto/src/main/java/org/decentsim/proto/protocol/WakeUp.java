package org.decentsim.proto.protocol;

/**
 * A message that only wakes its receiver so that it looks at its lanes again. It carries nothing,
 * so two of them waiting are worth one, and handling it before a message sent earlier changes
 * nothing: a mailbox may keep one pending wake-up in a slot of its own instead of queueing each.
 */
public interface WakeUp {}
