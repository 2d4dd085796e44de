package dev.awsbootstrap.steps.user;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The MFA codes this run has sent to AWS, held in memory only. AWS accepts each code of a device
 * once, so a code typed a second time (for the next role, or just after enabling the device) would
 * be rejected as if it were wrong; this lets the wizard ask for the next code instead, without a
 * wasted call.
 */
public final class UsedMfaCodes {
    private final Set<String> sent = new HashSet<>();

    /** Notes that {@code code} went to AWS. */
    public void sent(String code) {
        sent.add(code);
    }

    /** Why {@code code} cannot be used again, or empty when it is new to this run. */
    public Optional<String> reuse(String code) {
        return sent.contains(code)
                ? Optional.of(
                        "this run already sent that code to AWS, which accepts each code once; wait"
                                + " for your app to show the next one")
                : Optional.empty();
    }
}
