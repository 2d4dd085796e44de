package dev.awsbootstrap.steps.cliconfig;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsRegions;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.localfiles.AtomicFiles;
import dev.awsbootstrap.localfiles.AwsFileLocations;
import dev.awsbootstrap.localfiles.AwsProfileFile;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.account.CallerStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.MfaDeviceStep;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Step 10: the AWS CLI profiles of the guide in {@code ~/.aws/config} (or {@code AWS_CONFIG_FILE}):
 * {@code [default]} with the home region, and one profile per role that assumes it from the default
 * profile's credentials. Only those four sections are touched, every other line stays byte for
 * byte; a profile that holds other values is replaced only when the operator agrees, and the old
 * file is kept as a backup. No AWS call is made.
 */
public final class CliConfigStep implements Step<CliConfigStep.Found> {
    public static final String KEY = "cli-config";

    /** The config file written, as recorded in the resume file. */
    public static final String CONFIG_FILE = "configFile";

    /** The profiles as the wizard wants them, comma-separated, as recorded in the resume file. */
    public static final String PROFILES = "profiles";

    /** What step {@code user-mfa} records as the serial number of the user's MFA device. */
    static final String MFA_SERIAL = "mfaSerial";

    static final String DEVICE_NAME = "user.mfaDeviceName";

    /** The role profiles, in the guide's order, and the roles they assume. */
    public static final Map<String, String> ROLE_PROFILES = WantedProfile.ROLE_PROFILES;

    /** The profile the guide suggests for day-to-day work. */
    static final String DAY_TO_DAY = "data-engineer";

    private final Answers answers;
    private final Path home;
    private final Function<String, String> environment;

    public CliConfigStep(Answers answers, Path home, Function<String, String> environment) {
        this.answers = answers;
        this.home = home;
        this.environment = environment;
    }

    /**
     * The config file as found.
     *
     * @param config the file's lines, to edit; empty when there is no file yet
     * @param parsed the same file as the AWS SDK reads it
     */
    public record Found(Path file, AwsProfileFile config, ProfileFile parsed) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "AWS CLI profiles";
    }

    @Override
    public Found inspect(StepContext context) {
        Path file = AwsFileLocations.configFile(home, environment);
        AwsProfileFile config = AwsProfileFile.read(file);
        return new Found(file, config, SdkProfiles.parse(file, config.text()));
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        List<ProfileComparison> comparisons =
                wanted(found, context).stream()
                        .map(profile -> ProfileComparison.of(profile, found.parsed()))
                        .toList();
        checkCanDecide(found.file(), comparisons, context);
        List<WantedProfile> managed = new ArrayList<>();
        List<ProfileComparison> kept = new ArrayList<>();
        for (ProfileComparison comparison : comparisons) {
            if (edit(found, comparison, context)) {
                managed.add(comparison.wanted());
            } else {
                kept.add(comparison);
            }
        }
        Plan plan = new Plan();
        if (!kept.isEmpty()) {
            String note = keptNote(kept);
            plan.found(note + ".").outcome(StepStatus.RISK_ACCEPTED, note);
        }
        if (!found.config().changed()) {
            if (!context.dryRun()) {
                remember(context, found.file(), managed);
            }
            if (kept.isEmpty()) {
                plan.found(found.file() + " has the profiles of the guide.");
            }
            return plan.found(hint(found.file()));
        }
        return plan.change(
                "Write " + headers(changedProfiles(comparisons, kept)) + " to " + found.file(),
                c -> write(c, found, managed));
    }

    /** The four profiles, with the values from the answers and what earlier steps recorded. */
    private List<WantedProfile> wanted(Found found, StepContext context) {
        String accountId = context.account().id();
        String region = homeRegion(context);
        boolean requireMfa =
                context.ask()
                        .yesNo(
                                RolesStep.ANSWER,
                                answers.roles().requireMfa(),
                                "Require MFA to assume the roles?",
                                "With MFA required, each role profile names your MFA device, so"
                                        + " the AWS CLI asks for a code before assuming the role.",
                                true);
        String mfaSerial = requireMfa ? mfaSerial(context, accountId) : null;
        String defaultSection =
                found.config().sectionNames().contains("profile default")
                        ? "profile default"
                        : WantedProfile.DEFAULT;
        return WantedProfile.all(
                role -> RolesStep.recordedArn(context, role), region, mfaSerial, defaultSection);
    }

    private String homeRegion(StepContext context) {
        return context.ask()
                .text(
                        CallerStep.HOME_REGION,
                        answers.homeRegion(),
                        "Home region",
                        "The profiles send the AWS CLI to your home region.",
                        null,
                        code ->
                                AwsRegions.isKnown(code)
                                        ? Optional.empty()
                                        : Optional.of("not an AWS region code, such as eu-west-2"));
    }

    /** The device step {@code user-mfa} enabled, else the one named in the answers. */
    private String mfaSerial(StepContext context, String accountId) {
        if (context.session().bound()) {
            StepRecord record = context.session().state().getSteps().get(MfaDeviceStep.KEY);
            if (record != null && record.getCreated().containsKey(MFA_SERIAL)) {
                return record.getCreated().get(MFA_SERIAL);
            }
        }
        String device =
                context.ask()
                        .text(
                                DEVICE_NAME,
                                answers.user().mfaDeviceName(),
                                "Name of your MFA device",
                                "The role profiles name your MFA device so that the AWS CLI"
                                        + " asks for its code.",
                                null,
                                AnswerRules::mfaDeviceName);
        return "arn:aws:iam::" + accountId + ":mfa/" + device;
    }

    /** Fails, before any profile is edited, when one differs and nobody can be asked about it. */
    private void checkCanDecide(Path file, List<ProfileComparison> all, StepContext context) {
        List<ProfileComparison> differing =
                all.stream().filter(ProfileComparison::differs).toList();
        Console console = context.console();
        if (differing.isEmpty()
                || answers.cliConfig().replaceProfiles() != null
                || context.dryRun()
                || console.canAsk()) {
            return;
        }
        differing.forEach(c -> showDiff(c, console));
        throw BootstrapException.badInput(
                file
                        + " already has "
                        + headers(differing)
                        + " with other values ("
                        + String.join(
                                "; ",
                                differing.stream()
                                        .map(c -> c.wanted().name() + ": " + c.differingKeys())
                                        .toList())
                        + "): run without --non-interactive to review the change, or set"
                        + " cliConfig: {replaceProfiles: true} in the answers file to replace"
                        + " them.");
    }

    /**
     * Makes a profile's changes in the editor, after the operator agreed to replace values.
     *
     * @return false when the profile was left as it is
     */
    private boolean edit(Found found, ProfileComparison comparison, StepContext context) {
        Console console = context.console();
        String header = comparison.wanted().header();
        if (comparison.inPlace()) {
            console.info(header + " is up to date.");
            return true;
        }
        if (comparison.differs()) {
            showDiff(comparison, console);
            if (!replace(found.file(), comparison, context)) {
                console.warn("Leaving " + header + " as it is.");
                return false;
            }
        } else if (comparison.exists()) {
            console.info(header + " lacks keys; adding " + comparison.additions() + ".");
        } else {
            console.info(header + " is new: " + comparison.additions() + ".");
        }
        comparison.applyTo(found.config());
        return true;
    }

    private static void showDiff(ProfileComparison comparison, Console console) {
        console.warn(
                comparison.wanted().header()
                        + " holds other values than aws-bootstrap writes (old → new):");
        comparison.diffLines().forEach(line -> console.warn("    " + line));
    }

    /** The answers file's choice, else the operator's; a dry run never asks, and plans it. */
    private boolean replace(Path file, ProfileComparison comparison, StepContext context) {
        Boolean answer = answers.cliConfig().replaceProfiles();
        if (answer != null) {
            return answer;
        }
        if (context.dryRun()) {
            context.console().info("A real run asks before replacing these values.");
            return true;
        }
        return context.console()
                .confirm(
                        "Replace these values of "
                                + comparison.wanted().header()
                                + " in "
                                + file
                                + "?",
                        false);
    }

    private void write(StepContext context, Found found, List<WantedProfile> managed) {
        Path file = found.file();
        AwsProfileFile config = found.config();
        SdkProfiles.checkReadsBack(file, config.text(), managed);
        Console console = context.console();
        if (context.dryRun()) {
            console.info(
                    "Nothing is written in a dry run; a real run "
                            + (Files.exists(file)
                                    ? "keeps the old file as a backup first."
                                    : "creates it, readable by you only."));
        } else {
            Optional<Path> backup = config.save(permissionsFor(file));
            console.info(
                    "Wrote "
                            + file
                            + backup.map(b -> " (the old file is kept as " + b + ")").orElse("")
                            + ".");
            remember(context, file, managed);
        }
        console.info(hint(file));
    }

    /** The file's own permissions, so that a file others may read stays so; new: owner only. */
    private static Set<PosixFilePermission> permissionsFor(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return AtomicFiles.OWNER_ONLY;
        } catch (IOException e) {
            throw BootstrapException.failed(
                    "Cannot read the permissions of "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): check that it is a file you may read, then run again.",
                    e);
        }
    }

    private static void remember(StepContext context, Path file, List<WantedProfile> managed) {
        String names = String.join(",", managed.stream().map(WantedProfile::name).toList());
        Map<String, String> before = context.remembered();
        if (!file.toString().equals(before.get(CONFIG_FILE))) {
            context.remember(CONFIG_FILE, file.toString());
        }
        if (!names.equals(before.get(PROFILES))) {
            context.remember(PROFILES, names);
        }
    }

    /** How to work as the data engineer by default, as the guide says; no shell file is edited. */
    private String hint(Path file) {
        boolean usual = AwsFileLocations.configFile(home, variable -> null).equals(file);
        return "To use the "
                + DAY_TO_DAY
                + " profile by default: export AWS_PROFILE="
                + DAY_TO_DAY
                + (usual ? "" : " and keep AWS_CONFIG_FILE=" + file)
                + " (add it to your shell's startup file, such as ~/.zshrc or ~/.bashrc, to keep"
                + " it); aws sts get-caller-identity then shows the role.";
    }

    private static String keptNote(List<ProfileComparison> kept) {
        return "kept "
                + headers(kept)
                + " as "
                + (kept.size() == 1 ? "it was" : "they were")
                + ", with other values than the guide's ("
                + String.join(
                        "; ",
                        kept.stream()
                                .map(c -> c.wanted().name() + ": " + c.differingKeys())
                                .toList())
                + ")";
    }

    private static List<ProfileComparison> changedProfiles(
            List<ProfileComparison> all, List<ProfileComparison> kept) {
        return all.stream().filter(c -> !c.inPlace() && !kept.contains(c)).toList();
    }

    private static String headers(List<ProfileComparison> comparisons) {
        return String.join(", ", comparisons.stream().map(c -> c.wanted().header()).toList());
    }
}
