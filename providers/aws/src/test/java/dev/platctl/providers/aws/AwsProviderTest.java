package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderContext;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ProviderFactory;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsProviderTest {
    @Test
    void serviceLoaderFindsTheAwsProviderWithItsTypes() {
        ProviderFactory f = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("aws")).findFirst().orElseThrow();
        try (var p = f.create(new ProviderContext(Path.of("."), Clock.systemUTC(), Random::new, Map.of()))) {
            assertEquals(List.of("aws_s3_bucket", "aws_sqs_queue", "aws_iam_role", "aws_vpc", "aws_subnet", "aws_security_group",
                            "aws_db_subnet_group", "aws_db_instance", "aws_iam_policy", "aws_iam_role_policy_attachment",
                            "aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_kms_key", "aws_kms_alias",
                            "aws_dynamodb_table"),
                    p.resourceTypes().stream().map(t -> t.schema().type()).toList());
        }
    }

    @Test
    void anEmptyBlockIsValidAndContactsNothing() {
        try (AwsProvider p = new AwsProvider()) {
            assertTrue(p.configure(ObjectValue.EMPTY).isEmpty(), "a workspace without AWS resources needs no AWS settings");
        }
    }

    @Test
    void keysAreSensitiveInTheSchema() {
        try (AwsProvider p = new AwsProvider()) {
            assertTrue(p.configSchema().stream().filter(a -> a.name().endsWith("_key")).allMatch(a -> a.sensitive()));
        }
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("an unknown setting", obj("regoin", "eu-west-1"), "Unsupported provider setting \"regoin\""),
                Arguments.of("half of a key pair", obj("access_key", "AKIA"), "Incomplete static credentials"),
                Arguments.of("an endpoint that is not a URL", obj("endpoint", "localhost"), "Invalid value for \"endpoint\""),
                Arguments.of("an endpoint for a service it does not know", obj("endpoints", Map.of("rds2", "http://x:1")),
                        "Unknown service in \"endpoints\""),
                Arguments.of("a default tag platctl reserves", obj("default_tags", Map.of("platctl:address", "x")),
                        "Reserved tag in \"default_tags\""),
                Arguments.of("a retry mode the SDK lacks", obj("retry_mode", "eager"), "Invalid value for \"retry_mode\""),
                Arguments.of("attempts that would never try", obj("max_attempts", 0), "Invalid value for \"max_attempts\""),
                Arguments.of("a region that is not a string", obj("region", 5), "Invalid value for \"region\""),
                Arguments.of("a role that is not an ARN", obj("assume_role", obj("role_arn", "deployer")),
                        "Invalid value for \"assume_role.role_arn\""),
                Arguments.of("a role session too short for STS", obj("assume_role", obj("role_arn",
                        "arn:aws:iam::123456789012:role/deployer", "duration_seconds", 60)), "Invalid value for \"assume_role.duration_seconds\""),
                Arguments.of("an assume_role setting STS lacks", obj("assume_role", obj("role_arn",
                        "arn:aws:iam::123456789012:role/deployer", "mfa", "123")), "Unsupported setting \"assume_role.mfa\""),
                Arguments.of("no concurrency at all", obj("max_concurrent_requests", Map.of("rds", 0)),
                        "Invalid value for \"max_concurrent_requests.rds\""),
                Arguments.of("a concurrency limit for a service it does not know", obj("max_concurrent_requests", Map.of("rds2", 2)),
                        "Unknown service in \"max_concurrent_requests\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsAreDiagnostics(String reason, ObjectValue config, String summary) {
        try (AwsProvider p = new AwsProvider()) {
            Diagnostics d = p.configure(config);
            assertEquals(List.of(summary), d.errors().stream().map(Diagnostic::summary).toList(), reason);
        }
    }

    @Test
    void perServiceEndpointsWinOverTheSharedOne() {
        Diagnostics d = new Diagnostics();
        AwsSettings s = AwsSettings.parse(obj("endpoint", "http://127.0.0.1:5000", "endpoints", Map.of("s3", "http://127.0.0.1:9000")), d);
        assertFalse(d.hasErrors(), d::toString);
        assertEquals("http://127.0.0.1:9000", s.endpointFor("s3").orElseThrow().toString());
        assertEquals("http://127.0.0.1:5000", s.endpointFor("sqs").orElseThrow().toString());
    }

    @Test
    void settingsNeverPrintTheKeys() {
        AwsSettings s = AwsSettings.parse(obj("access_key", "AKIASECRETID", "secret_key", "very-secret"), new Diagnostics());
        assertFalse(s.toString().contains("AKIASECRETID") || s.toString().contains("very-secret"), s.toString());
    }

    @Test
    void awsErrorsKeepCodeMessageAndStatusAndThrottlingIsRetryable() {
        ProviderException denied = AwsErrors.translate("create", "aws_s3_bucket", "acme-b", serviceError("AccessDenied", "Access Denied", 403));
        assertEquals("cannot create aws_s3_bucket acme-b: AccessDenied: Access Denied (status 403)", denied.getMessage());
        assertFalse(denied.retryable());
        ProviderException throttled = AwsErrors.translate("read", "aws_iam_role", "app", serviceError("Throttling", "Rate exceeded", 400));
        assertTrue(throttled.retryable(), "throttling that outlasted the SDK's retries may be retried");
    }

    private static AwsServiceException serviceError(String code, String message, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
