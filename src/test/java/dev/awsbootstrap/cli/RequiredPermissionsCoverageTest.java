package dev.awsbootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.answers.AnswersFile;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.aws.AwsRegions;
import dev.awsbootstrap.steps.account.CallerStep;
import dev.awsbootstrap.steps.account.RequiredPermissions;
import dev.awsbootstrap.testing.DesignAnswers;
import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permission table covers what the steps really send. Two ways, as neither alone is enough: a
 * full run and a second run against moto record, step by step, the operations that reach AWS; and a
 * scan of the compiled classes finds every IAM, STS and Budgets client method the code can call, on
 * branches moto never takes too.
 */
@ExtendWith(MotoExtension.class)
class RequiredPermissionsCoverageTest {
    private static final String ANSWERS = DesignAnswers.YAML;

    /** The AWS clients whose methods are operations, by the service prefix of their actions. */
    private static final Map<String, String> CLIENTS =
            Map.of(
                    "software/amazon/awssdk/services/iam/IamClient", "iam",
                    "software/amazon/awssdk/services/sts/StsClient", "sts",
                    "software/amazon/awssdk/services/budgets/BudgetsClient", "budgets",
                    "software/amazon/awssdk/services/account/AccountClient", "account");

    /** Client methods that send nothing. */
    private static final Set<String> NOT_OPERATIONS =
            Set.of("close", "serviceName", "serviceClientConfiguration", "utilities", "waiter");

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void theTableHasOneEntryPerStepOfTheWizard() {
        List<String> keys =
                WizardRunner.steps(Answers.none(), home, name -> null).stream()
                        .map(Step::key)
                        .toList();
        assertThat(RequiredPermissions.stepKeys()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void everyOperationAStepSendsAgainstMotoIsInItsEntry(MotoServer moto) throws IOException {
        Map<String, Set<String>> sent = new TreeMap<>();
        List<Integer> simulations = new ArrayList<>();
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            for (int run = 1; run <= 2; run++) {
                proxy.clear();
                runWizard(proxy, sent);
                simulations.add(count(proxy.operations(), "SimulatePrincipalPolicy"));
            }
        }
        assertThat(sent).as("operations seen, by step").containsKey(CallerStep.KEY);
        assertThat(sent.values().stream().mapToInt(Set::size).sum()).isGreaterThan(20);
        Map<String, Set<String>> uncovered = new TreeMap<>();
        sent.forEach(
                (step, operations) -> {
                    Set<String> listed = listed(step);
                    Set<String> missing = new TreeSet<>(operations);
                    missing.removeAll(listed);
                    if (!missing.isEmpty()) {
                        uncovered.put(step, missing);
                    }
                });
        assertThat(uncovered).as("operations sent but missing from RequiredPermissions").isEmpty();
        assertThat(simulations)
                .as("moto answers 500 to the simulation: asked once per run, not retried")
                .containsExactly(1, 1);
    }

    @Test
    void everyClientMethodTheCodeCallsIsInTheTable() throws IOException {
        Set<String> listed = new HashSet<>(RequiredPermissions.CHECK_OPERATIONS);
        for (String step : RequiredPermissions.stepKeys()) {
            RequiredPermissions.of(step).forEach(o -> listed.add(o.operation()));
        }
        Map<String, Set<String>> called = calledOperations(Path.of("target", "classes"));
        assertThat(called.values().stream().mapToInt(Set::size).sum())
                .as("the scan finds the steps' calls")
                .isGreaterThan(25);
        Map<String, Set<String>> uncovered = new TreeMap<>();
        called.forEach(
                (type, operations) -> {
                    Set<String> missing = new TreeSet<>(operations);
                    missing.removeAll(listed);
                    if (!missing.isEmpty()) {
                        uncovered.put(type, missing);
                    }
                });
        assertThat(uncovered).as("client calls missing from RequiredPermissions").isEmpty();
    }

    /** Runs every step against {@code proxy}, recording which step sent which operation. */
    private void runWizard(MutationProxy proxy, Map<String, Set<String>> sent) throws IOException {
        Path answersFile = Files.writeString(work.resolve("answers.yaml"), ANSWERS);
        Map<String, String> env =
                Map.of(
                        "AWS_CONFIG_FILE", home.resolve(".aws/config").toString(),
                        "AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString(),
                        "BOOTSTRAP_PASSWORD", "Correct-Horse-9-Battery");
        Answers answers = AnswersFile.read(answersFile, AwsRegions::isKnown, env::get);
        List<String> order = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Step<?>> steps = new ArrayList<>();
        for (Step<?> step : WizardRunner.steps(answers, home, env::get)) {
            steps.add(
                    recording(
                            step,
                            () -> {
                                order.add(step.key());
                                starts.add(proxy.operations().size());
                            }));
        }
        TestConsole console = TestConsole.nonInteractive();
        try (AwsClients clients = MotoClients.at(proxy.endpoint(), false);
                ResumeSession session =
                        new ResumeSession(Optional.empty(), home, false, Clock.systemUTC())) {
            StepContext context =
                    new StepContext(
                            console.console(),
                            clients,
                            new AwsChanges(clients, false, line -> {}),
                            session,
                            false);
            new Wizard(steps).run(context);
        }
        List<String> operations = proxy.operations();
        starts.add(operations.size());
        for (int i = 0; i < order.size(); i++) {
            sent.computeIfAbsent(order.get(i), k -> new TreeSet<>())
                    .addAll(operations.subList(starts.get(i), starts.get(i + 1)));
        }
    }

    /** The step, telling {@code entered} when the wizard starts it. */
    private static <F> Step<F> recording(Step<F> step, Runnable entered) {
        return new Step<>() {
            @Override
            public String key() {
                return step.key();
            }

            @Override
            public String title() {
                return step.title();
            }

            @Override
            public F inspect(StepContext context) {
                entered.run();
                return step.inspect(context);
            }

            @Override
            public Plan plan(F found, StepContext context) {
                return step.plan(found, context);
            }
        };
    }

    /** The operations of a step's entry, as the proxy names them (without the service). */
    private static Set<String> listed(String step) {
        Stream<String> own = RequiredPermissions.of(step).stream().map(o -> o.operation());
        Stream<String> check =
                step.equals(CallerStep.KEY)
                        ? RequiredPermissions.CHECK_OPERATIONS.stream()
                        : Stream.empty();
        return Stream.concat(own, check)
                .map(operation -> operation.substring(operation.indexOf(':') + 1))
                .collect(Collectors.toSet());
    }

    private static int count(List<String> operations, String operation) {
        return (int) operations.stream().filter(operation::equals).count();
    }

    /**
     * The client operations each compiled class refers to, outside the aws package (which only
     * builds the clients and sends what the steps hand it), as {@code service:Operation}.
     */
    static Map<String, Set<String>> calledOperations(Path classes) throws IOException {
        Map<String, Set<String>> called = new TreeMap<>();
        Path aws = classes.resolve("dev/awsbootstrap/aws");
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                if (file.startsWith(aws)) {
                    continue;
                }
                Set<String> operations = new TreeSet<>();
                try (InputStream in = Files.newInputStream(file)) {
                    for (String[] method : methodReferences(in)) {
                        String service = CLIENTS.get(method[0]);
                        if (service != null && !NOT_OPERATIONS.contains(method[1])) {
                            operations.add(service + ":" + operation(method[1]));
                        }
                    }
                }
                if (!operations.isEmpty()) {
                    called.put(classes.relativize(file).toString(), operations);
                }
            }
        }
        return called;
    }

    /** {@code listVirtualMFADevicesPaginator} is the operation {@code ListVirtualMFADevices}. */
    private static String operation(String method) {
        String name =
                method.endsWith("Paginator") ? method.substring(0, method.length() - 9) : method;
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * The (owner class, method name) of every method a class file's constant pool refers to: the
     * calls it makes and the method references it passes, such as {@code IamClient::createRole}.
     */
    private static List<String[]> methodReferences(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String[]> methods = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                String name = utf8[first[second[i]]];
                methods.add(new String[] {owner, name});
            }
        }
        return methods;
    }
}
