
31
/docker-image://docker.io/library/busybox:latest
¯
I
Gsha256:74ecb5d790c33a213ba00f8f43d62947df1d4dea72f5ec13353a9b943f469f0fb
[
/usr/local/bin/frontend
test
check
--path=/usr/bin/hello-inline
--kind=permissions//¡
Gsha256:034806789f669bfa96c7e704a450a9aee4b14c9e99268ae2b7412f63bd2b2c59V9
llb.customname'check /usr/bin/hello-inline permissions2
gTest: azlinux3/worksˆ
[
Gsha256:034806789f669bfa96c7e704a450a9aee4b14c9e99268ae2b7412f63bd2b2c59

(()
example-hello.inline.ymlname: x"yaml