package dev.awsbootstrap.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content of the resume file: the account it belongs to, the non-secret answers given so far
 * and each step's record. It never holds a password, a secret access key or an MFA seed.
 */
public final class ResumeState {
    public static final int SCHEMA_VERSION = 1;

    private int schemaVersion = SCHEMA_VERSION;
    private String accountId;
    private Instant createdAt;
    private Instant updatedAt;
    private Map<String, Object> answers = new LinkedHashMap<>();
    private Map<String, StepRecord> steps = new LinkedHashMap<>();

    public ResumeState() {}

    public static ResumeState forAccount(String accountId, Instant now) {
        ResumeState state = new ResumeState();
        state.accountId = accountId;
        state.createdAt = now;
        state.updatedAt = now;
        return state;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public void setSchemaVersion(int schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** Non-secret answers by their answers-file key, such as {@code accountAlias}. */
    public Map<String, Object> getAnswers() {
        return answers;
    }

    public void setAnswers(Map<String, Object> answers) {
        this.answers = new LinkedHashMap<>(answers);
    }

    public Map<String, StepRecord> getSteps() {
        return steps;
    }

    public void setSteps(Map<String, StepRecord> steps) {
        this.steps = new LinkedHashMap<>(steps);
    }

    @JsonIgnore
    public Optional<String> answer(String key) {
        Object value = answers.get(key);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    /** The record of a step, created as {@link StepStatus#TO_DO} when there is none yet. */
    @JsonIgnore
    public StepRecord step(String key) {
        return steps.computeIfAbsent(key, k -> new StepRecord());
    }

    @JsonIgnore
    public StepStatus statusOf(String key) {
        StepRecord record = steps.get(key);
        return record == null ? StepStatus.TO_DO : record.getStatus();
    }
}
