package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.kubernetes.resources.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the runtime refuses at create, with upstream's field paths and words. */
class PodSpecRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'volumes':[{'name':'v','emptyDir':{}}],'containers':[{'name':'c','volumeMounts':[{'name':'v','mountPath':'/v'}]}]}"
                + "|",
        "{'volumes':[{'name':'v','hostPath':{'path':'/etc'}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0]: Unsupported value: \"hostPath\": supported values: \"configMap\", \"emptyDir\", \"secret\"",
        "{'volumes':[{'name':'v'}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0]: Required value: must specify a volume type",
        "{'volumes':[{'name':'v','emptyDir':{},'secret':{'secretName':'s'}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type",
        "{'volumes':[{'name':'v','emptyDir':{}},{'name':'v','emptyDir':{}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[1].name: Duplicate value: \"v\"",
        "{'containers':[{'name':'c','volumeMounts':[{'name':'x','mountPath':'/x'}]}]}"
                + "|spec.containers[0].volumeMounts[0].name: Not found: \"x\"",
        "{'volumes':[{'name':'v','emptyDir':{}}],'initContainers':[{'name':'i','volumeMounts':[{'name':'v','mountPath':'rel'}]}],'containers':[{'name':'c'}]}"
                + "|spec.initContainers[0].volumeMounts[0].mountPath: Invalid value: \"rel\": must be an absolute path",
        "{'volumes':[{'name':'v','emptyDir':{}}],'containers':[{'name':'c','volumeMounts':[{'name':'v','mountPath':'/a','subPath':'../x'}]}]}"
                + "|spec.containers[0].volumeMounts[0].subPath: Invalid value: \"../x\": must not contain '..'",
        "{'volumes':[{'name':'v','configMap':{'name':'m','items':[{'key':'k','path':'/abs'}]}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0].configMap.items[0].path: Invalid value: \"/abs\": must be a relative path",
        "{'volumes':[{'name':'v','secret':{'secretName':'s','defaultMode':1000}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
        "{'volumes':[{'name':'v','configMap':{'name':'m','defaultMode':-1}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0].configMap.defaultMode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive",
        "{'volumes':[{'name':'v','secret':{'secretName':'s','items':[{'key':'k','path':'k','mode':512}]}}],'containers':[{'name':'c'}]}"
                + "|spec.volumes[0].secret.items[0].mode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive",
        "{'volumes':[{'name':'v','secret':{'secretName':'s','defaultMode':0,'items':[{'key':'k','path':'k','mode':511}]}}],'containers':[{'name':'c'}]}|",
        "{'containers':[{'name':'c','livenessProbe':{'exec':{'command':['true']},'successThreshold':2}}]}"
                + "|spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
        "{'containers':[{'name':'c','readinessProbe':{'exec':{'command':['true']},'successThreshold':3}}]}|",
        "{'containers':[{'name':'c','readinessProbe':{'exec':{'command':['true']},'successThreshold':0}}]}"
                + "|spec.containers[0].readinessProbe.successThreshold: Invalid value: 0: must be greater than or equal to 1",
    })
    void validate_podSpec_reportsUpstreamsCauses(String spec, String expected) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        PodSpecRules.validate(JSON.readTree(spec.replace('\'', '"')), "spec", errors);

        if (expected == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(FieldError::text).containsExactly(expected);
        }
    }
}
