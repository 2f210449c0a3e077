#!/usr/bin/env python3
"""Writes a stack file like Pulumi.prod.yaml whose models: list holds N models named model-00000..,
version v1.0, default thresholds. Run from the repository root: stack-with-models.py N OUT."""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
text = open('Pulumi.prod.yaml').read()
head, _, rest = text.partition('  mlops-alerting:models:\n')
tail = ''.join(l for l in rest.splitlines(keepends=True) if not l.startswith('    '))
models = ''.join(f'    - name: model-{i:05d}\n      version: v1.0\n' for i in range(n))
open(out, 'w').write(head + '  mlops-alerting:models:\n' + models + tail)
