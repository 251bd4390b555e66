package io.strata.kubernetes.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void apply_containersByName_mergesAndKeepsOrder() throws Exception {
        JsonNode live = json("{'spec':{'containers':[{'name':'a','image':'x','ports':[{'containerPort':80}]},"
                + "{'name':'b','image':'y'}]}}");
        JsonNode patch = json("{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],"
                + "'containers':[{'name':'a','image':'x2'}]}}");
        JsonNode out = StrategicMergePatch.apply(live, patch);
        assertThat(out).isEqualTo(json("{'spec':{'containers':[{'name':'b','image':'y'},"
                + "{'name':'a','image':'x2','ports':[{'containerPort':80}]}]}}"));
    }

    @Test
    void apply_deleteDirectiveAndNull_removes() throws Exception {
        JsonNode live = json("{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'containers':[{'name':'a'},{'name':'b'}]}}");
        JsonNode patch = json("{'metadata':{'labels':{'a':null}},'spec':{'containers':[{'name':'b','$patch':'delete'}]}}");
        assertThat(StrategicMergePatch.apply(live, patch))
                .isEqualTo(json("{'metadata':{'labels':{'b':'2'}},'spec':{'containers':[{'name':'a'}]}}"));
    }

    @Test
    void apply_replaceDirective_replacesMap() throws Exception {
        JsonNode live = json("{'spec':{'selector':{'a':'1','b':'2'}}}");
        JsonNode patch = json("{'spec':{'selector':{'$patch':'replace','c':'3'}}}");
        assertThat(StrategicMergePatch.apply(live, patch)).isEqualTo(json("{'spec':{'selector':{'c':'3'}}}"));
    }

    @Test
    void apply_finalizers_mergeAsSetAndDeleteFromPrimitiveList() throws Exception {
        JsonNode live = json("{'metadata':{'finalizers':['a','b']}}");
        assertThat(StrategicMergePatch.apply(live, json("{'metadata':{'finalizers':['b','c']}}")))
                .isEqualTo(json("{'metadata':{'finalizers':['a','b','c']}}"));
        assertThat(StrategicMergePatch.apply(live, json("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}")))
                .isEqualTo(json("{'metadata':{'finalizers':['b']}}"));
    }

    @Test
    void jsonPatch_failedTest_rejected() throws Exception {
        JsonNode live = json("{'metadata':{'resourceVersion':'5'}}");
        assertThatThrownBy(() -> JsonPatch.apply(live, json("[{'op':'test','path':'/metadata/resourceVersion','value':'4'}]")))
                .isInstanceOf(PatchException.class);
        assertThat(JsonPatch.apply(live, json("[{'op':'replace','path':'/metadata/resourceVersion','value':'6'}]")))
                .isEqualTo(json("{'metadata':{'resourceVersion':'6'}}"));
    }

    @Test
    void mergePatch_nullDeletesAndListsReplace() throws Exception {
        assertThat(MergePatch.apply(json("{'a':{'b':1,'c':2},'l':[1,2]}"), json("{'a':{'b':null},'l':[3]}")))
                .isEqualTo(json("{'a':{'c':2},'l':[3]}"));
    }
}
