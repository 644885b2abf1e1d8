package io.waymark.core.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which persona each person in scope belongs to (persona ids as in {@link PersonasResult.Persona#id()}), so that a
 * persona can become a segment or a segment rule can test it.
 */
public final class PersonaAssignment {
    private final String[] personIds;
    /** The person index in the event columns of each assigned person. */
    private final int[] personIndexes;
    private final int[] personas;
    private final List<String> names;

    PersonaAssignment(String[] personIds, int[] personIndexes, int[] personas, List<String> names) {
        this.personIds = personIds;
        this.personIndexes = personIndexes;
        this.personas = personas;
        this.names = List.copyOf(names);
    }

    public int persons() {
        return personIds.length;
    }

    public String personId(int i) {
        return personIds[i];
    }

    /** The index in the event columns of the i-th person. */
    int personIndex(int i) {
        return personIndexes[i];
    }

    /** The persona of the i-th person. */
    public int persona(int i) {
        return personas[i];
    }

    /** Persona names by id. */
    public List<String> names() {
        return names;
    }

    /** Person id → persona id; built on each call (hundreds of thousands of entries), so keep it when needed twice. */
    public Map<String, Integer> toMap() {
        Map<String, Integer> out = new HashMap<>(personIds.length * 2);
        for (int i = 0; i < personIds.length; i++) {
            out.put(personIds[i], personas[i]);
        }
        return out;
    }
}
