package io.waymark.core.kernel;

/** A set of persons of one {@link EventColumns}, by person index: the members of a segment. */
public final class PersonSet {
    private final boolean[] members;
    private final int size;

    PersonSet(boolean[] members) {
        this.members = members;
        int n = 0;
        for (boolean m : members) {
            n += m ? 1 : 0;
        }
        this.size = n;
    }

    public boolean contains(int person) {
        return members[person];
    }

    /** How many persons are members. */
    public int size() {
        return size;
    }

    /** How many persons the columns hold (members or not). */
    public int universe() {
        return members.length;
    }
}
