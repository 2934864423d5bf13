package dev.suture.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsibleYamlParserTest {

    @Test
    void hostsVarsAndNestedChildren() {
        String yaml = """
                all:
                  vars:
                    owner: ops
                  hosts:
                    bastion:
                      ansible_host: 203.0.113.9
                  children:
                    prod:
                      vars:
                        env: prod
                      children:
                        web:
                          hosts:
                            web[1:2]:
                              ansible_host: 10.0.0.5
                              ansible_port: 8080
                              weight: 10
                              enabled: true
                              tags: [a, b]
                          vars:
                            role: web
                    db:
                      hosts:
                        db1:
                """;

        Inventory inventory = AnsibleYamlParser.parse("hosts.yml", yaml);
        List<InventoryHost> hosts = inventory.hosts();

        assertThat(hosts).extracting(InventoryHost::name).containsExactly("bastion", "web1", "web2", "db1");
        InventoryHost web1 = hosts.get(1);
        assertThat(web1.address()).isEqualTo("10.0.0.5:8080");
        assertThat(web1.groups()).containsExactlyInAnyOrder("web", "prod");
        assertThat(web1.environment()).isEqualTo("prod");
        assertThat(web1.labels()).containsEntry("weight", "10").containsEntry("enabled", "true")
                .containsEntry("role", "web").containsEntry("owner", "ops").containsEntry("env", "prod")
                .doesNotContainKeys("tags", "ansible_host", "ansible_port");
        assertThat(web1.line()).isEqualTo(14);
        assertThat(inventory.warnings()).anySatisfy(w -> assertThat(w).startsWith("hosts.yml:19: warning: skipping var tags"));
        assertThat(hosts.get(0).groups()).isEmpty();
        assertThat(hosts.get(0).labels()).containsExactly(Map.entry("owner", "ops"));
        assertThat(hosts.get(3).groups()).containsExactly("db");
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> AnsibleYamlParser.parse("hosts.yml", "all:\n  hosts:\n    - web1\n"))
                .hasMessage("hosts.yml:3: hosts of group all must be a mapping");
        assertThatThrownBy(() -> AnsibleYamlParser.parse("hosts.yml", "all:\n  hostz: {}\n"))
                .hasMessage("hosts.yml:2: group all: unexpected key hostz (expected hosts, vars or children)");
        assertThatThrownBy(() -> AnsibleYamlParser.parse("hosts.yml", "all:\n  hosts: {a: 1\n"))
                .hasMessageStartingWith("hosts.yml:3: invalid YAML");
    }
}
