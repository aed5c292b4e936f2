// monaco-yaml's language worker, wrapped so Vite bundles it with `?worker` (see TOOLCHAIN.md §2).
import 'monaco-yaml/yaml.worker.js';
