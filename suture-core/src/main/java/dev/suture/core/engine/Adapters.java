package dev.suture.core.engine;

import dev.suture.core.port.Calendar;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.port.Notifier;
import dev.suture.core.port.TargetExecutor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Adapters keyed by the {@code type} a plan names (an unknown type is an error, never a null), plus
 * the calendar of maintenance windows the engine reads live.
 */
public final class Adapters {
  private final Map<String, TargetExecutor> executors;
  private final Map<String, CheckRunner> checks;
  private final Optional<Notifier> notifier;
  private final Calendar calendar;

  /** Without a calendar: a plan naming a maintenance window finds none and its rollout halts. */
  public Adapters(Collection<TargetExecutor> executors, Collection<CheckRunner> checks, Optional<Notifier> notifier) {
    this(executors, checks, notifier, Calendar.NONE);
  }

  public Adapters(Collection<TargetExecutor> executors, Collection<CheckRunner> checks, Optional<Notifier> notifier,
                  Calendar calendar) {
    this.calendar = java.util.Objects.requireNonNull(calendar, "calendar");
    this.executors = executors.stream().collect(Collectors.toUnmodifiableMap(TargetExecutor::type, Function.identity()));
    this.checks = checks.stream().collect(Collectors.toUnmodifiableMap(CheckRunner::type, Function.identity()));
    this.notifier = notifier;
  }

  public Set<String> executorTypes() { return executors.keySet(); }

  public TargetExecutor executor(String type) {
    TargetExecutor e = executors.get(type);
    if (e == null) throw new IllegalArgumentException("no executor of type '" + type + "' (available: " + executors.keySet() + ")");
    return e;
  }

  public CheckRunner check(String type) {
    CheckRunner c = checks.get(type);
    if (c == null) throw new IllegalArgumentException("no check runner of type '" + type + "' (available: " + checks.keySet() + ")");
    return c;
  }

  public Optional<Notifier> notifier() { return notifier; }

  public Calendar calendar() { return calendar; }
}
