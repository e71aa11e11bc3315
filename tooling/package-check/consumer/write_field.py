import numpy as np
import zfpy

y, x = np.mgrid[0:100, 0:200]
field = (np.sin(x / 20) * np.cos(y / 15)).astype(np.float32)

with open("field.zfp", "wb") as f:
    f.write(zfpy.compress_numpy(field, tolerance=1e-3))
