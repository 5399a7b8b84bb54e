// Pick a training image by filters and run a TI-ONE training task on it, from TypeScript.
//
// `@pulumi-tione/tione` is the Node.js SDK generated from the tione provider's schema and committed
// in this repository (sdk/nodejs; package.json: `file:../../sdk/nodejs`; not published on npm). The image is the highest FrameworkVersion
// among the tilearn LLM images for PyTorch that train with DDP on the configured GPU; it is pinned
// in state. A training task cannot be modified: changing any argument replaces it.
import * as pulumi from "@pulumi/pulumi";
import * as tione from "@pulumi-tione/tione";

const config = new pulumi.Config();
const gpu = config.get("gpu") ?? "A10";
const instanceType = config.get("instanceType") ?? "TI.GN10.2XLARGE40.POST";
const workers = config.getNumber("workers") ?? 2;

// A real invoke, served by the plugin: how many PyTorch training images there are right now.
const trainImages = tione.getPlatformImagesOutput({
    framework: "PyTorch",
    imageRange: "Train",
});

const image = new tione.PlatformImage("llm-train-image", {
    nameRegex: "^tilearn-llm\\d",
    framework: "PyTorch",
    imageRange: "Train",
    gpu: gpu,
    trainingMode: "DDP",
    select: "highest_version",
});

const task = new tione.TrainingTask("llm-finetune", {
    // The pinned image by its ImageId; the provider completes the rest from the catalog.
    image: { kind: "platform", imageId: image.imageId },
    chargeType: "POSTPAID_BY_HOUR",
    trainingMode: "DDP",
    resourceConfigInfos: [{ role: "WORKER", instanceType: instanceType, instanceNum: workers }],
    startCmdInfo: { startCmd: "torchrun --nproc_per_node=1 train.py" },
    output: { bucket: "my-bucket-1250000000", region: "ap-guangzhou", paths: ["llm-finetune/"] },
    tags: { "managed-by": "pulumi" },
    waitFor: "submitted",
}, { customTimeouts: { create: "30m", delete: "30m" } });

export const imageName = image.imageName;
export const frameworkVersion = image.frameworkVersion;
export const taskId = task.id;
export const taskName = task.name;
export const taskStatus = task.status;
export const pytorchTrainImages = trainImages.count;
