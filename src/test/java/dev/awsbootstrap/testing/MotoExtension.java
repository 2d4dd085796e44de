package dev.awsbootstrap.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Shares one {@link MotoServer} per JVM, resets it before each test and injects it. */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        // Runs before @BeforeEach methods, so their setup survives into the test.
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
        // The root store lives for the whole JVM run and closes AutoCloseable values at its end.
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedMoto.class, key -> new SharedMoto(), SharedMoto.class)
                .server();
    }

    /**
     * Remembers the outcome of the one start attempt, so that a missing moto fails every test with
     * the same line instead of retrying (and possibly re-running pip) per test.
     */
    private static final class SharedMoto implements AutoCloseable {
        private final MotoServer server;
        private final RuntimeException failure;

        SharedMoto() {
            MotoServer started = null;
            RuntimeException problem = null;
            try {
                started = MotoServer.start();
            } catch (RuntimeException e) {
                problem = e;
            }
            this.server = started;
            this.failure = problem;
        }

        MotoServer server() {
            if (failure instanceof MotoServer.MotoUnavailableException) {
                // Deliberately without a cause: the one-line message already says what to do.
                fail(failure.getMessage());
            }
            if (failure != null) {
                fail("moto_server could not be started: " + failure.getMessage(), failure);
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
