package dev.suture.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnsibleIniParserTest {

    private static Map<String, InventoryHost> byName(Inventory inventory) {
        return inventory.hosts().stream().collect(Collectors.toMap(InventoryHost::name, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void groupsVarsChildrenRangesAddressesAndComments() {
        String ini = """
                # fleet
                bastion ansible_host=203.0.113.9

                [web]
                web[01:03] ansible_host=10.0.0.1 role=web
                web-special ansible_host=10.0.0.9 ansible_port=2222 note="two words" quoted='it''s' # trailing
                ; another comment

                [db]
                db1.example.com:5433 tier=gold

                [web:vars]
                ntp = "pool.ntp.org"
                role=frontend

                [prod:children]
                web
                db

                [prod:vars]
                environment=staging
                role=generic

                [all:vars]
                owner=ops
                """;

        Map<String, InventoryHost> hosts = byName(AnsibleIniParser.parse("inventory.ini", ini));

        assertThat(hosts.keySet()).containsExactly("bastion", "web01", "web02", "web03", "web-special",
                "db1.example.com");
        InventoryHost bastion = hosts.get("bastion");
        assertThat(bastion.groups()).isEmpty();
        assertThat(bastion.address()).isEqualTo("203.0.113.9");
        assertThat(bastion.labels()).containsExactly(Map.entry("owner", "ops"));
        assertThat(bastion.environment()).isNull();
        assertThat(bastion.line()).isEqualTo(2);

        InventoryHost web02 = hosts.get("web02");
        assertThat(web02.groups()).containsExactly("web", "prod");
        assertThat(web02.address()).isEqualTo("10.0.0.1");
        // host var beats [web:vars] beats [prod:vars] beats [all:vars]
        assertThat(web02.labels()).containsEntry("role", "web").containsEntry("ntp", "pool.ntp.org")
                .containsEntry("owner", "ops").containsEntry("environment", "staging")
                .doesNotContainKey("ansible_host");
        assertThat(web02.environment()).isEqualTo("staging");
        assertThat(web02.line()).isEqualTo(5);

        InventoryHost special = hosts.get("web-special");
        assertThat(special.address()).isEqualTo("10.0.0.9:2222");
        assertThat(special.labels()).containsEntry("note", "two words").containsEntry("quoted", "its")
                .containsEntry("role", "frontend").doesNotContainKey("ansible_port");

        InventoryHost db = hosts.get("db1.example.com");
        assertThat(db.address()).isEqualTo("db1.example.com:5433");
        assertThat(db.groups()).containsExactly("db", "prod");
        assertThat(db.labels()).containsEntry("tier", "gold").containsEntry("role", "generic");
    }

    @Test
    void nestedChildrenAreTransitiveAndHostsInSeveralGroupsMerge() {
        String ini = """
                [a]
                h1 x=1
                [b]
                h1 y=2
                h2
                [mid:children]
                a
                [top:children]
                mid
                """;
        Map<String, InventoryHost> hosts = byName(AnsibleIniParser.parse("i.ini", ini));
        assertThat(hosts.get("h1").groups()).containsExactlyInAnyOrder("a", "b", "mid", "top");
        assertThat(hosts.get("h1").labels()).containsEntry("x", "1").containsEntry("y", "2");
        assertThat(hosts.get("h2").groups()).containsExactly("b");
    }

    @Test
    void rangesWithLettersStrideAndSeveralBrackets() {
        assertThat(AnsibleIniParser.expand("f", 1, "db-[a:c]")).containsExactly("db-a", "db-b", "db-c");
        assertThat(AnsibleIniParser.expand("f", 1, "n[1:9:4]")).containsExactly("n1", "n5", "n9");
        assertThat(AnsibleIniParser.expand("f", 1, "r[1:2]x[08:10]"))
                .containsExactly("r1x08", "r1x09", "r1x10", "r2x08", "r2x09", "r2x10");
    }

    @Test
    void secretVarsAreNotSentAndAWarningSaysSo() {
        Inventory inventory = AnsibleIniParser.parse("i.ini", "h1 ansible_password=hunter2 ansible_user=deploy\n");
        assertThat(inventory.hosts().get(0).labels()).containsExactly(Map.entry("ansible_user", "deploy"));
        assertThat(inventory.warnings()).singleElement().asString()
                .startsWith("i.ini:1: warning:").contains("ansible_password").doesNotContain("hunter2");
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> AnsibleIniParser.parse("inventory.ini", "[web]\nweb1\nweb2 note=\"oops\n"))
                .hasMessage("inventory.ini:3: host line has an unterminated quote");
        assertThatThrownBy(() -> AnsibleIniParser.parse("inventory.ini", "[web]\nweb1 loose\n"))
                .hasMessage("inventory.ini:2: host line: expected key=value, got loose");
        assertThatThrownBy(() -> AnsibleIniParser.parse("inventory.ini", "\n[web:hosts]\n"))
                .hasMessageStartingWith("inventory.ini:2: unknown section type :hosts");
        assertThatThrownBy(() -> AnsibleIniParser.parse("inventory.ini", "[web]\nweb[05:01]\n"))
                .hasMessage("inventory.ini:2: bad host range [05:01]");
        assertThatThrownBy(() -> AnsibleIniParser.parse("inventory.ini", "[g:vars]\nnovalue\n"))
                .hasMessage("inventory.ini:2: vars line needs key=value: novalue");
    }
}
