package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** One answer of the REST API: the status, the JSON body (a missing node when there is none) and the next page's URL. */
record GitHubResponse(int status, JsonNode body, Optional<String> nextPage) {
}
