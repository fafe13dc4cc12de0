package org.decentsim.simulations.scenario;

/**
 * A user error in a scenario or in the data it names. The message is one line, ready to show:
 * {@code file:line: key: what is wrong (how to fix)}.
 */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
