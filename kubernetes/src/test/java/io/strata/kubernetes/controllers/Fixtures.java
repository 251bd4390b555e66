package io.strata.kubernetes.controllers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceCatalog;

/** JSON objects for reconciler tests (single quotes become double quotes). */
public final class Fixtures {

    /** The standard types. */
    public static final Types TYPES = Types.of(ResourceCatalog.standard());
    private static final ObjectMapper M = new ObjectMapper();

    private Fixtures() {
    }

    /** Parses JSON written with single quotes. */
    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) M.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A pod owned by {@code ownerUid} ("" for none) with a phase, readiness and node. */
    public static ObjectNode pod(String name, String ownerUid, String phase, boolean ready, String node, String created) {
        ObjectNode p = json("{'metadata':{'name':'" + name + "','namespace':'default','uid':'u-" + name
                + "','labels':{'app':'web'},'creationTimestamp':'" + created + "'},'spec':{'containers':[{'name':'c',"
                + "'ports':[{'name':'http','containerPort':8080}]}]},'status':{'phase':'" + phase + "','podIP':'10.0.0."
                + Math.abs(name.hashCode() % 200) + "','conditions':[{'type':'Ready','status':'" + (ready ? "True" : "False")
                + "','lastTransitionTime':'2026-01-01T00:00:00Z'}]}}");
        if (!ownerUid.isEmpty()) {
            ((ObjectNode) p.get("metadata")).putArray("ownerReferences").addObject().put("uid", ownerUid)
                    .put("controller", true).put("kind", "ReplicaSet").put("name", "web");
        }
        if (!node.isEmpty()) {
            ((ObjectNode) p.get("spec")).put("nodeName", node);
        }
        return p;
    }
}
