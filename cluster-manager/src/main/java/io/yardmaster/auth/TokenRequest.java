package io.yardmaster.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/tokens}: a team token names its team; an admin token none. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record TokenRequest(
    @Nullable Role role, @Nullable String team, @Nullable String description) {}
