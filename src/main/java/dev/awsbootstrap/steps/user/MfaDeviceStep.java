package dev.awsbootstrap.steps.user;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.TerminalQrCode;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Step 6: a virtual MFA device for the operator's user. Its secret is shown once, as a QR code and
 * as text, at the terminal only; two consecutive codes from the app then enable it. A device that
 * an interrupted run created but never enabled is deleted and made again, as its secret cannot be
 * read a second time.
 */
public final class MfaDeviceStep implements Step<MfaDeviceStep.Found> {
    public static final String KEY = "user-mfa";

    /** The answers-file and resume-file key of the device's name. */
    public static final String DEVICE_NAME = "user.mfaDeviceName";

    private static final String ISSUER = "Amazon Web Services";

    /** Recorded just before CreateVirtualMFADevice: the serial of the device being made. */
    static final String CREATING = "creatingMfaDevice";

    private final Answers answers;
    private final Function<String, String> environment;
    private final UsedMfaCodes used;

    /**
     * @param environment the process environment: {@code COLORFGBG} tells a light terminal
     */
    public MfaDeviceStep(Answers answers, Function<String, String> environment) {
        this(answers, environment, new UsedMfaCodes());
    }

    /**
     * @param used where the codes that enabled the device are noted, so that a later step does not
     *     send one of them again
     */
    public MfaDeviceStep(Answers answers, Function<String, String> environment, UsedMfaCodes used) {
        this.answers = answers;
        this.environment = environment;
        this.used = used;
    }

    /**
     * What exists: the devices enabled for the user, the account's virtual devices that are
     * assigned to a user (serial number to user name), and those assigned to nobody.
     */
    public record Found(
            String userName,
            List<String> enabled,
            Map<String, String> assigned,
            Set<String> unassigned) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "MFA device for your IAM user";
    }

    @Override
    public Found inspect(StepContext context) {
        String name = OperatorUser.name(context, answers);
        if (context.offline()) {
            return new Found(name, List.of(), Map.of(), Set.of());
        }
        IamClient iam = context.clients().iam();
        List<String> enabled;
        try {
            enabled =
                    iam.listMFADevicesPaginator(q -> q.userName(name)).mfaDevices().stream()
                            .map(MFADevice::serialNumber)
                            .toList();
        } catch (NoSuchEntityException e) {
            enabled = List.of(); // the user is still to be made: a dry run
        }
        Map<String, String> assigned = new HashMap<>();
        Set<String> unassigned = new HashSet<>();
        for (VirtualMFADevice device : iam.listVirtualMFADevicesPaginator().virtualMFADevices()) {
            if (device.user() == null) {
                unassigned.add(device.serialNumber());
            } else {
                assigned.put(device.serialNumber(), device.user().userName());
            }
        }
        return new Found(name, enabled, assigned, unassigned);
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        String user = found.userName();
        List<String> codeDevices =
                found.enabled().stream().filter(MfaDeviceStep::givesCodes).toList();
        if (!codeDevices.isEmpty()) {
            plan.found(user + " has MFA: " + String.join(", ", found.enabled()) + ".");
            if (!context.dryRun()) {
                context.remember("mfaSerial", codeDevices.get(0));
                context.forget(CREATING);
            }
            return plan;
        }
        if (!found.enabled().isEmpty()) {
            plan.found(
                    user
                            + " has only a security key ("
                            + String.join(", ", found.enabled())
                            + "), whose touch the AWS CLI cannot pass to AssumeRole: adding a"
                            + " virtual MFA device for the CLI profiles.");
        }
        String accountId = context.account().id();
        String device = deviceName(found, context);
        String serial = serial(accountId, device);
        if (found.unassigned().contains(serial)) {
            if (!serial.equals(context.remembered().get(CREATING))) {
                throw BootstrapException.badInput(
                        "An MFA device named "
                                + device
                                + " exists, assigned to no user, and aws-bootstrap did not make"
                                + " it: delete it in the IAM console if it is not needed, or"
                                + " choose another user.mfaDeviceName.");
            }
            plan.change(
                    "Delete the MFA device "
                            + device
                            + " that an interrupted run left unused"
                            + " (its secret cannot be shown again)",
                    c -> delete(c, serial));
        }
        List<String> codes = answers.user().mfaCodes();
        Console console = context.console();
        if (!context.dryRun() && codes == null && !console.canAskSecret()) {
            throw BootstrapException.badInput(
                    "The MFA device's secret is shown only at a terminal, and there is none:"
                            + " run aws-bootstrap in a terminal to set up "
                            + user
                            + "'s MFA device.");
        }
        return plan.change(
                "Create the virtual MFA device " + device + " and enable it for " + user,
                c -> createAndEnable(c, user, device, serial));
    }

    /** The device's name: answered, or asked, checked against the names other users have. */
    private String deviceName(Found found, StepContext context) {
        String accountId = context.account().id();
        String user = found.userName();
        String name =
                context.ask()
                        .text(
                                DEVICE_NAME,
                                answers.user().mfaDeviceName(),
                                "Name of the MFA device",
                                "The name tells your devices apart, such as jbloggs-phone.",
                                defaultName(user),
                                candidate ->
                                        AnswerRules.mfaDeviceName(candidate)
                                                .or(() -> takenBy(found, accountId, candidate)));
        takenBy(found, accountId, name)
                .ifPresent(
                        rule -> {
                            throw BootstrapException.badInput(
                                    "user.mfaDeviceName \""
                                            + name
                                            + "\": "
                                            + rule
                                            + ": choose another name.");
                        });
        return name;
    }

    private static Optional<String> takenBy(Found found, String accountId, String name) {
        String owner = found.assigned().get(serial(accountId, name));
        if (owner != null && !owner.equals(found.userName())) {
            return Optional.of("the MFA device name is already used by the user " + owner);
        }
        return Optional.empty();
    }

    private static String defaultName(String user) {
        String name = user + "-mfa";
        return AnswerRules.mfaDeviceName(name).isEmpty() ? name : null;
    }

    /**
     * Whether a device gives codes the CLI can pass as {@code TokenCode}: a virtual or hardware
     * TOTP device, not a FIDO security key or passkey ({@code :u2f/}).
     */
    static boolean givesCodes(String serial) {
        return !serial.contains(":u2f/");
    }

    static String serial(String accountId, String deviceName) {
        return "arn:aws:iam::" + accountId + ":mfa/" + deviceName;
    }

    private static void delete(StepContext context, String serial) {
        context.changes()
                .apply(
                        AwsCall.iam(
                                DeleteVirtualMfaDeviceRequest.builder()
                                        .serialNumber(serial)
                                        .build(),
                                IamClient::deleteVirtualMFADevice));
    }

    private void createAndEnable(StepContext context, String user, String device, String serial) {
        if (!context.dryRun()) {
            context.remember(CREATING, serial);
        }
        Optional<VirtualMFADevice> created;
        try {
            created =
                    context.changes()
                            .apply(
                                    AwsCall.iam(
                                            CreateVirtualMfaDeviceRequest.builder()
                                                    .virtualMFADeviceName(device)
                                                    .path("/")
                                                    .tags(OperatorUser.MADE_BY)
                                                    .build(),
                                            IamClient::createVirtualMFADevice))
                            .map(response -> response.virtualMFADevice());
        } catch (EntityAlreadyExistsException e) {
            context.forget(CREATING);
            throw BootstrapException.badInput(
                    "The MFA device name "
                            + device
                            + " is taken in this account (perhaps by the root user's device):"
                            + " choose another user.mfaDeviceName.");
        }
        String serialNumber = created.map(VirtualMFADevice::serialNumber).orElse(serial);
        created.ifPresent(d -> show(context, user, d));
        enable(context, user, serialNumber);
        if (!context.dryRun()) {
            context.remember("mfaSerial", serialNumber);
            context.forget(CREATING);
        }
    }

    /** Shows the seed at the terminal, as a QR code and as text; never anywhere else. */
    private void show(StepContext context, String user, VirtualMFADevice device) {
        Console console = context.console();
        if (!console.canAskSecret()) {
            console.info(
                    "The device's secret is shown only at a terminal; the codes come from the"
                            + " answers file.");
            return;
        }
        String seed = device.base32StringSeed().asUtf8String();
        String account =
                context.session().state().answer("accountAlias").orElse(context.account().id());
        List<String> lines = new ArrayList<>();
        lines.add("Scan this code with your authenticator app or password manager:");
        lines.add("");
        lines.addAll(
                TerminalQrCode.lines(otpauthUri(user + "@" + account, seed), !lightTerminal()));
        lines.add("");
        lines.add("Or type this secret into it by hand: " + grouped(seed));
        lines.add("");
        console.showSecret(lines);
    }

    /**
     * Whether the terminal shows dark text on a light background, as {@code COLORFGBG} (set by
     * rxvt, Konsole, iTerm2 and others, as {@code foreground;background}) tells; without it, the
     * usual dark background is assumed.
     */
    private boolean lightTerminal() {
        String colours = environment.apply("COLORFGBG");
        if (colours == null) {
            return false;
        }
        String background = colours.substring(colours.lastIndexOf(';') + 1).strip();
        return background.equals("7") || background.equals("15");
    }

    /** The URI an authenticator app reads from the QR code, as the AWS console makes it. */
    static String otpauthUri(String label, String seed) {
        return "otpauth://totp/"
                + encode(ISSUER + ":" + label)
                + "?secret="
                + seed
                + "&issuer="
                + encode(ISSUER);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The seed in groups of four, easier to type. */
    static String grouped(String seed) {
        return seed.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private void enable(StepContext context, String user, String serial) {
        List<String> given = answers.user().mfaCodes();
        Console console = context.console();
        while (true) {
            List<String> codes = context.dryRun() ? List.of("****", "****") : codes(given, console);
            try {
                context.changes()
                        .apply(
                                AwsCall.iam(
                                                EnableMfaDeviceRequest.builder()
                                                        .userName(user)
                                                        .serialNumber(serial)
                                                        .authenticationCode1(codes.get(0))
                                                        .authenticationCode2(codes.get(1))
                                                        .build(),
                                                IamClient::enableMFADevice)
                                        .withSecret("AuthenticationCode1")
                                        .withSecret("AuthenticationCode2"));
                codes.forEach(used::sent);
                return;
            } catch (InvalidAuthenticationCodeException e) {
                if (given != null || !console.canAsk()) {
                    throw BootstrapException.badInput(
                            "AWS rejected the MFA codes in user.mfaCodes: remove them and run"
                                    + " aws-bootstrap in a terminal to type two fresh codes.");
                }
                console.warn(
                        "AWS rejected those codes. Check the app's clock and type the next two"
                                + " codes it shows.");
            }
        }
    }

    private static List<String> codes(List<String> given, Console console) {
        if (given != null) {
            return given;
        }
        String first = console.ask("First code from the app", null, AnswerRules::mfaCode);
        String second =
                console.ask(
                        "Next code (wait until the app shows a new one)",
                        null,
                        code ->
                                code.equals(first)
                                        ? Optional.of("wait for the next code")
                                        : AnswerRules.mfaCode(code));
        return List.of(first, second);
    }
}
