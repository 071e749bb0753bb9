package io.yardmaster.simulator.contract;

import static io.yardmaster.simulator.contract.JsonHttp.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Names and checks of the ResourceManager REST API shared by the contract's tests. */
final class ResourceManagerAssertions {
  static final Set<String> APP_STATES =
      Set.of(
          "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING", "FINISHED", "FAILED", "KILLED");
  static final Set<String> FINAL_STATUSES = Set.of("UNDEFINED", "SUCCEEDED", "FAILED", "KILLED");
  static final String NOT_FOUND = "org.apache.hadoop.yarn.webapp.NotFoundException";
  static final String BAD_REQUEST = "org.apache.hadoop.yarn.webapp.BadRequestException";

  private ResourceManagerAssertions() {}

  static List<String> stateOf(List<JsonNode> apps, String id) {
    JsonNode app =
        apps.stream()
            .filter(candidate -> candidate.get("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    return List.of(app.get("state").asText(), app.get("finalStatus").asText());
  }

  static void assertRemoteException(
      JsonHttp.Reply reply, int status, String exception, String javaClassName) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(fieldNames(reply.json())).containsExactly("RemoteException");
    JsonNode remote = reply.json().get("RemoteException");
    assertThat(fieldNames(remote))
        .containsExactlyInAnyOrderElementsOf(ResourceManagerFields.REMOTE_EXCEPTION);
    assertThat(remote.get("exception").asText()).isEqualTo(exception);
    assertThat(remote.get("javaClassName").asText()).isEqualTo(javaClassName);
  }

  static String newTag() {
    return ("ym-contract-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }
}
