package io.strata.kubernetes.apiserver;

import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;
import java.util.List;

/**
 * What a resource URL addresses: the type, the namespace ({@code null} for all namespaces or cluster scope), the
 * object name ({@code null} for the collection) and the subresource ({@code ""} for none).
 */
public record RequestTarget(ResourceType type, String namespace, String name, String subresource) {

    /**
     * Parses the segments after the group version ({@code namespaces/default/pods/nginx/status}).
     *
     * @throws ApiError 404 when no served resource matches
     */
    public static RequestTarget parse(ResourceCatalog catalog, String apiVersion, List<String> segments) {
        if (segments.isEmpty()) {
            throw ApiError.noRoute();
        }
        if (segments.get(0).equals("namespaces") && segments.size() >= 3
                && catalog.find(apiVersion, segments.get(2)).filter(ResourceType::namespaced).isPresent()) {
            ResourceType type = catalog.find(apiVersion, segments.get(2)).orElseThrow();
            return of(type, segments.get(1), segments.subList(3, segments.size()));
        }
        ResourceType type = catalog.find(apiVersion, segments.get(0)).orElseThrow(ApiError::noRoute);
        if (type.namespaced()) {
            if (segments.size() > 1) {
                throw ApiError.noRoute();
            }
            return new RequestTarget(type, null, null, "");
        }
        return of(type, null, segments.subList(1, segments.size()));
    }

    private static RequestTarget of(ResourceType type, String namespace, List<String> rest) {
        return switch (rest.size()) {
            case 0 -> new RequestTarget(type, namespace, null, "");
            case 1 -> new RequestTarget(type, namespace, rest.get(0), "");
            case 2 -> {
                if (!type.subresources().contains(rest.get(1))) {
                    throw ApiError.noRoute();
                }
                yield new RequestTarget(type, namespace, rest.get(0), rest.get(1));
            }
            default -> throw ApiError.noRoute();
        };
    }
}
