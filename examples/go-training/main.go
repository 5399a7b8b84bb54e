// Pick a training image by filters and run a TI-ONE training task on it, from Go: the Go twin of
// examples/typescript-training/index.ts.
//
// github.com/pulumi-tione/pulumi-tione/sdk/go/tione is the Go SDK generated from the tione
// provider's schema (sdk/go in this repository, `make sdks`); go.mod points at it with a replace.
// The image is the highest FrameworkVersion among the tilearn LLM images for PyTorch that train
// with DDP on the configured GPU; it is pinned in state. A training task cannot be modified:
// changing any argument replaces it.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/pulumi-tione/pulumi-tione/sdk/go/tione"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		gpu := cfg.Get("gpu")
		if gpu == "" {
			gpu = "A10"
		}
		instanceType := cfg.Get("instanceType")
		if instanceType == "" {
			instanceType = "TI.GN10.2XLARGE40.POST"
		}
		workers := cfg.GetInt("workers")
		if workers == 0 {
			workers = 2
		}

		// A real invoke, served by the plugin: how many PyTorch training images there are now.
		trainImages := tione.LookupPlatformImagesOutput(ctx, tione.LookupPlatformImagesOutputArgs{
			Framework:  pulumi.String("PyTorch"),
			ImageRange: pulumi.String("Train"),
		})

		image, err := tione.NewPlatformImage(ctx, "llm-train-image", &tione.PlatformImageArgs{
			NameRegex:    pulumi.String(`^tilearn-llm\d`),
			Framework:    pulumi.String("PyTorch"),
			ImageRange:   pulumi.String("Train"),
			Gpu:          pulumi.String(gpu),
			TrainingMode: pulumi.String("DDP"),
			Select:       pulumi.String("highest_version"),
		})
		if err != nil {
			return err
		}

		task, err := tione.NewTrainingTask(ctx, "llm-finetune", &tione.TrainingTaskArgs{
			// The pinned image by its ImageId; the provider completes the rest from the catalog.
			Image: tione.PlatformImageRefArgs{
				Kind:    pulumi.String("platform"),
				ImageId: image.ImageId,
			},
			ChargeType:   pulumi.String("POSTPAID_BY_HOUR"),
			TrainingMode: pulumi.String("DDP"),
			ResourceConfigInfos: tione.ResourceConfigInfoArray{
				tione.ResourceConfigInfoArgs{
					Role:         pulumi.String("WORKER"),
					InstanceType: pulumi.String(instanceType),
					InstanceNum:  pulumi.Int(workers),
				},
			},
			StartCmdInfo: tione.StartCmdInfoArgs{
				StartCmd: pulumi.String("torchrun --nproc_per_node=1 train.py"),
			},
			Output: tione.CosPathArgs{
				Bucket: pulumi.String("my-bucket-1250000000"),
				Region: pulumi.String("ap-guangzhou"),
				Paths:  pulumi.StringArray{pulumi.String("llm-finetune/")},
			},
			Tags:    pulumi.StringMap{"managed-by": pulumi.String("pulumi")},
			WaitFor: pulumi.String("submitted"),
		}, pulumi.Timeouts(&pulumi.CustomTimeouts{Create: "30m", Delete: "30m"}))
		if err != nil {
			return err
		}

		ctx.Export("imageName", image.ImageName)
		ctx.Export("frameworkVersion", image.FrameworkVersion)
		ctx.Export("taskId", task.ID())
		ctx.Export("taskName", task.Name)
		ctx.Export("taskStatus", task.Status)
		ctx.Export("pytorchTrainImages", trainImages.Count())
		return nil
	})
}
