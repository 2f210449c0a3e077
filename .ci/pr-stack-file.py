#!/usr/bin/env python3
"""Takes a pull request's Pulumi.<stack>.yaml as data for a preview that runs the main branch's program.

usage: pr-stack-file.py BASE_FILE PR_FILE

The preview job holds a token that decrypts the stack's secrets, so the pull request's file may change
only plain settings of the project (mlops-alerting:...). Refused, with the reason on stderr and exit 1:
any encrypted value added, removed, moved or changed; any key of another namespace (kubernetes:,
pulumi:, ...) or outside `config:` (secretsprovider, encryptedkey, encryptionsalt) changed; duplicate
keys; tags other than YAML's own; a file over 4 MiB. Such a change is previewed after it is merged.
Accepted: exit 0, the pull request's file is fit to be copied over the base's.
"""
import sys

import yaml

PROJECT = "mlops-alerting:"
LIMIT = 4 * 1024 * 1024


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (Pulumi's reader refuses them too)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(path):
    with open(path, "rb") as f:
        data = f.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise ValueError(f"{path} is over 4 MiB")
    return yaml.load(data.decode("utf-8"), Loader=StrictLoader) or {}


def secrets_only(value):
    """Keeps the encrypted leaves ({secure: ...}) where they are and blanks every plain value."""
    if isinstance(value, dict):
        if list(value.keys()) == ["secure"]:
            return value
        return {k: secrets_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [secrets_only(v) for v in value]
    return None


def guarded(document):
    """What a pull request may not change: everything but the plain values of the project's keys."""
    if not isinstance(document, dict):
        raise ValueError("the file is not a YAML map")
    result = {k: v for k, v in document.items() if k != "config"}
    config = document.get("config") or {}
    if not isinstance(config, dict):
        raise ValueError("config: is not a map")
    result["config"] = {
        k: (secrets_only(v) if str(k).startswith(PROJECT) else v) for k, v in config.items()
    }
    # A project key that only holds plain values may come and go; one holding a secret may not.
    result["config"] = {k: v for k, v in result["config"].items() if not (str(k).startswith(PROJECT) and not has_secret(v))}
    return result


def has_secret(value):
    if isinstance(value, dict):
        return list(value.keys()) == ["secure"] or any(has_secret(v) for v in value.values())
    if isinstance(value, list):
        return any(has_secret(v) for v in value)
    return False


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    base_path, pr_path = argv[1], argv[2]
    try:
        base, pr = guarded(load(base_path)), guarded(load(pr_path))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as e:
        print(f"{pr_path}: not previewed: {e}. Fix: correct the file; review <stack> reports what is wrong.", file=sys.stderr)
        return 1
    if base != pr:
        changed = sorted(
            k for k in set(base.get("config", {})) | set(pr.get("config", {}))
            if base.get("config", {}).get(k) != pr.get("config", {}).get(k)
        ) + sorted(k for k in set(base) | set(pr) if k != "config" and base.get(k) != pr.get(k))
        print(
            f"{pr_path}: not previewed with the stack's secrets: the pull request changes encrypted values or keys outside "
            f"the project's plain settings ({', '.join(map(str, changed))}). Fix: set secrets and provider keys on main "
            "(`pulumi config set --secret ...`) in their own reviewed change; this pull request's other changes are "
            "shown by the review comment, and the preview runs once it is merged.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
