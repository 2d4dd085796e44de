package dev.awsbootstrap.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the resume file knows of one step: its status, when, a note, and what it created. */
public final class StepRecord {
    private StepStatus status = StepStatus.TO_DO;
    private Instant at;
    private String note;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String waitingFor;

    private Map<String, String> created = new LinkedHashMap<>();

    public StepStatus getStatus() {
        return status;
    }

    public void setStatus(StepStatus status) {
        this.status = status;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    /**
     * What the operator must do before the step can go on, when the last run stopped there for them
     * (exit 3); null otherwise.
     */
    public String getWaitingFor() {
        return waitingFor;
    }

    public void setWaitingFor(String waitingFor) {
        this.waitingFor = waitingFor;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    /** Names, ARNs and ids of what the step created; never a secret. */
    public Map<String, String> getCreated() {
        return created;
    }

    public void setCreated(Map<String, String> created) {
        this.created = new LinkedHashMap<>(created);
    }
}
