/**
 * Positioned YAML for every platform reader: immutable nodes that know their exact source span and their
 * route from the document root, read with snakeyaml-engine under the YAML 1.2 core schema.
 *
 * <p>Entry point: {@link dev.cimatrix.discover.yaml.YamlLoader}. A file either loads into a
 * {@link dev.cimatrix.discover.yaml.YamlDocumentSet} or fails with a
 * {@link dev.cimatrix.discover.yaml.YamlLoadException} that names the file, line, column and reason.
 */
package dev.cimatrix.discover.yaml;
