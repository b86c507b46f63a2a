// A GPU host's device nodes (GRADER_GPU_DEVICES), for runs that load native addons: bwrap's own
// /dev holds only null, zero, full, random, urandom, tty and a private pts, so a CUDA driver inside
// would find no GPU. Only native code opens them (JavaScript has no --allow-fs-read for /dev), so
// runs without addons never get them.
import fs from "node:fs";
import path from "node:path";

/**
 * `devices` checked on the host as each run starts (a driver may create /dev/nvidia-uvm only when
 * first used, so a check at boot could fail a host that works): each must be a character device
 * under /dev, not a link, which could point anywhere.
 */
export function checkedGpuDevices(devices: readonly string[]): string[] {
  return devices.map((device) => {
    if (!/^\/dev\/.*[^/]$/.test(device) || path.posix.normalize(device) !== device)
      throw new Error(`GPU device ${device} is not a normalised path under /dev/`);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(device);
    } catch (error) {
      throw new Error(`GPU device ${device} does not exist`, { cause: error });
    }
    if (!stat.isCharacterDevice()) throw new Error(`GPU device ${device} is not a character device`);
    return device;
  });
}
