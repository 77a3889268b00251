"""Peak memory of a fresh child interpreter, for the hostile-input checks (fault suite and
benchmarks): prepend :data:`PEAK_MB_SOURCE` to the child's script and call ``peak_mb()`` there.

``VmHWM`` is the child's own peak; ``ru_maxrss`` is not a substitute, since it keeps the parent's
peak across fork and exec (a pytest process with TensorFlow loaded read as ~800 MB)."""

PEAK_MB_SOURCE = '''
def peak_mb():
    """This process image's peak resident memory in MB (Linux /proc)."""
    with open("/proc/self/status") as status:
        line = next(l for l in status if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
'''
