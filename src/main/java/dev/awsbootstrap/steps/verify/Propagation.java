package dev.awsbootstrap.steps.verify;

import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.OperatorInterrupted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Waits for IAM changes to reach the services that use them: a new access key, role or policy can
 * take seconds, sometimes a minute or two, before STS honours it. A call that fails the way such a
 * change fails is tried again with growing pauses, and the operator sees that the wizard waits.
 */
final class Propagation {
    /** How long IAM may take; AWS speaks of seconds, and of minutes at worst. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    /** Pauses the current thread; tests pass one that only moves a clock. */
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    Propagation(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits with the system clock and real pauses. */
    static Propagation realTime() {
        return new Propagation(Clock.systemUTC(), pause -> Thread.sleep(pause.toMillis()));
    }

    /**
     * Makes {@code call} until it succeeds, retrying while {@code pending} says the failure is an
     * IAM change still on its way, for at most {@link #PATIENCE}.
     *
     * @param pending the reason in a few words when the failure is worth waiting out, else empty
     * @throws AwsServiceException the last failure, once waiting is no longer worth it
     */
    <T> T await(
            Console console,
            Supplier<T> call,
            Function<AwsServiceException, Optional<String>> pending) {
        Instant start = clock.instant();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                Optional<String> reason = pending.apply(e);
                Duration waited = Duration.between(start, clock.instant());
                if (reason.isEmpty() || waited.plus(pause).compareTo(PATIENCE) > 0) {
                    throw e;
                }
                console.info(
                        "Waiting for IAM to apply the changes ("
                                + reason.get()
                                + "): trying again in "
                                + pause.toSeconds()
                                + " s, "
                                + waited.toSeconds()
                                + " s so far.");
                sleep(pause);
                pause =
                        pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                                ? LONGEST_PAUSE
                                : pause.multipliedBy(2);
            }
        }
    }

    private void sleep(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorInterrupted();
        }
    }
}
