package dev.cimatrix.discover.yaml;

/** The standard tags of the YAML 1.2 core schema, in full form. */
public final class YamlTags {
    public static final String STR = "tag:yaml.org,2002:str";
    public static final String NULL = "tag:yaml.org,2002:null";
    public static final String BOOL = "tag:yaml.org,2002:bool";
    public static final String INT = "tag:yaml.org,2002:int";
    public static final String FLOAT = "tag:yaml.org,2002:float";
    public static final String MAP = "tag:yaml.org,2002:map";
    public static final String SEQ = "tag:yaml.org,2002:seq";

    private YamlTags() {
    }
}
