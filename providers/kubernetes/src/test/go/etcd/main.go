// Command etcd runs the etcd server that kube-apiserver stores its objects in during platctl's tests.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
