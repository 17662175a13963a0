package dev.cimatrix.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The field trie the reader walks for every key of every event. */
class FieldTableTest {
    @Test
    void everyKeyOfAWideLevelIsFoundAfterTheTableGrows() {
        FieldTable table = new FieldTable();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            paths.add("field_" + i);
            table.slot("field_" + i);
        }
        FieldTable.Node root = table.root();
        for (String path : paths) {
            FieldTable.Node node = root.child(path);
            assertThat(node).as(path).isNotNull();
            assertThat(table.path(node.slot)).isEqualTo(path);
            assertThat(node.isLeaf()).isTrue();
        }
        assertThat(root.child("field_300")).isNull();
        assertThat(root.child("")).isNull();
        assertThat(root.isLeaf()).isFalse();
    }

    @Test
    void aKeyThatIsNotTheInternedInstanceIsFoundByItsText() {
        FieldTable table = new FieldTable();
        int slot = table.slot("actor.login");
        String actor = new String("actor".toCharArray());
        String login = new String("login".toCharArray());
        assertThat(table.root().child(actor).child(login).slot).isEqualTo(slot);
        assertThat(table.root().child(new String("actor.login".toCharArray())).slot).isEqualTo(slot);
    }

    @Test
    void aDottedPathIsEnteredUnderEveryWayOfSplittingIt() {
        FieldTable table = new FieldTable();
        int slot = table.slot("a.b.c");
        FieldTable.Node root = table.root();
        assertThat(root.child("a").child("b").child("c").slot).isEqualTo(slot);
        assertThat(root.child("a.b").child("c").slot).isEqualTo(slot);
        assertThat(root.child("a").child("b.c").slot).isEqualTo(slot);
        assertThat(root.child("a.b.c").slot).isEqualTo(slot);
        assertThat(root.child("a").slot).isEqualTo(-1);
        assertThat(root.child("b")).isNull();
        assertThat(table.slot("a.b.c")).isEqualTo(slot);
        assertThat(table.size()).isEqualTo(1);
    }
}
